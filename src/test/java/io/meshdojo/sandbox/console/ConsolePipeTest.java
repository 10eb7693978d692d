package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsolePipeTest {

  @Test
  void splitsAtTheFirstPipeAShellWouldSee() {
    assertThat(ConsolePipe.split("kubectl logs deploy/a --tail=9 | grep -o 'v[12]' | sort"))
        .isEqualTo(new ConsolePipe("kubectl logs deploy/a --tail=9", "grep -o 'v[12]' | sort"));
  }

  @Test
  void aQuotedOrEscapedBarIsNoPipe() {
    String line = "kubectl exec x -- sh -c 'seq 1 3 | wc -l' \"a|b\" c\\|d";
    assertThat(ConsolePipe.split(line)).isEqualTo(new ConsolePipe(line, null));
    assertThat(ConsolePipe.split("kubectl exec x -- sh -c 'seq 1 3 | wc -l' | sort"))
        .isEqualTo(new ConsolePipe("kubectl exec x -- sh -c 'seq 1 3 | wc -l'", "sort"));
  }

  @Test
  void anOrIsLeftForTheParserToRefuse() {
    assertThat(ConsolePipe.split("kubectl get pods || true").filters()).isNull();
  }
}

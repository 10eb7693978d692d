package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFilterTest {

  @Test
  void countsWhatACommandPrinted() {
    PodShell.ExecResult r =
        TextFilter.run(
            "from v2\nfrom v1\nfrom v2\n", "grep -o 'v[0-9]' | sort | uniq -c", 64 * 1024);
    assertThat(r).isEqualTo(new PodShell.ExecResult("      1 v1\n      2 v2\n", "", 0));
  }

  @Test
  void offersTextProgramsOnlyNoRequestsNoShell() {
    assertThat(TextFilter.run("x\n", "curl http://reviews:9080/", 1024))
        .isEqualTo(new PodShell.ExecResult("", "sh: 1: curl: not found\n", 127));
    assertThat(TextFilter.run("x\n", "sh -c 'echo hi'", 1024).exitCode()).isEqualTo(127);
  }

  @Test
  void theLastFiltersStatusIsThePipes() {
    assertThat(TextFilter.run("a\n", "grep b", 1024).exitCode()).isEqualTo(1);
  }
}

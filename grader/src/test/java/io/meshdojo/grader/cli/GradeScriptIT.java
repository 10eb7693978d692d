package io.meshdojo.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs grader/grade as a learner would, after the package phase (failsafe). */
class GradeScriptIT {

  record Run(int status, String out) {}

  private static Run grade(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of("grader/grade").toAbsolutePath().toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void exitStatusesAndJsonFromThePackagedBuild() throws Exception {
    Run ok = grade("--lab", "request-routing", "--json", "labs/request-routing/solution");
    assertThat(ok.status()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("\"lab\" : \"request-routing\"").contains("\"passed\" : true");

    Run notMet =
        grade(
            "--lab",
            "traffic-shifting",
            "--lang",
            "zh",
            "grader/cases/traffic-shifting/fail-swapped-weights/submission.yaml");
    assertThat(notMet.status()).as(notMet.out()).isEqualTo(1);
    assertThat(notMet.out()).contains("未通过");

    Run usage = grade("--lab", "request-routing");
    assertThat(usage.status()).isEqualTo(2);
    assertThat(usage.out()).contains("usage:");
  }
}

package io.meshdojo.grader.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.api.GradeResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark's lab honest: 10 objectives, 200 probes, and real work to do. */
class BenchLabTest {

  @Test
  void theBenchmarkLabHasTenObjectivesAndTwoHundredProbes(@TempDir Path dir) throws Exception {
    var grader = BenchLab.grader(dir);
    var lab = grader.lab(BenchLab.ID).orElseThrow();
    assertThat(lab.objectives()).hasSize(10);
    assertThat(lab.objectives().stream().mapToInt(o -> o.probes().size()).sum()).isEqualTo(200);
    GradeResult r = grader.grade(BenchLab.ID, BenchLab.submission(), "en");
    assertThat(r.objectives()).hasSize(10);
    // Authorization lets productpage reach reviews with GET only: POST probes are denied.
    assertThat(r.objectives().get(0).passed()).isFalse();
    assertThat(r.objectives().get(0).evidence()).hasSize(20).anyMatch(e -> e.contains("403"));
  }
}

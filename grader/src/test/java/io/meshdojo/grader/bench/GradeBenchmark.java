package io.meshdojo.grader.bench;

import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.api.Submission;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full grade (intake of the submission, mesh build, every check, 10 objectives with 200 probes)
 * on one thread. Run it as grader/README.md says; it is not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:ActiveProcessorCount=1"})
@Threads(1)
public class GradeBenchmark {

  private Grader grader;
  private List<Submission> submission;

  @Setup
  public void setUp() throws Exception {
    grader = BenchLab.grader(Files.createTempDirectory("bench-labs"));
    submission = BenchLab.submission();
  }

  @Benchmark
  public GradeResult gradeTenObjectivesTwoHundredProbes() {
    return grader.grade(BenchLab.ID, submission, "en");
  }
}

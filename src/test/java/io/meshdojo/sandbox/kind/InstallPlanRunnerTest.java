package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.sandbox.kind.InstallPlanRunner.Progress;
import io.meshdojo.sandbox.kind.InstallPlanRunner.StepFailedException;
import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.CreateNamespace;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstallPlanRunnerTest {

  static final InstallPlan PLAN =
      new InstallPlan(
          "test",
          List.of(
              new CreateNamespace("a", Map.of()),
              new Apply("x.yaml", "a"),
              new WaitFor("a", "deployment", "x", null, "Available", Duration.ofSeconds(5)),
              new Apply("y.yaml", null)));

  @Test
  void runsEveryStepInOrderAndReportsProgressBeforeEach() throws Exception {
    List<InstallStep> done = new ArrayList<>();
    List<Progress> progress = new ArrayList<>();
    InstallPlanRunner.run(PLAN, done::add, progress::add);
    assertThat(done).isEqualTo(PLAN.steps());
    assertThat(progress).extracting(Progress::percent).containsExactly(0, 25, 50, 75);
    assertThat(progress.get(1)).isEqualTo(new Progress(2, 4, "apply x.yaml in a"));
  }

  @Test
  void stopsAtTheFirstFailureAndSaysWhichStepFailed() {
    List<InstallStep> done = new ArrayList<>();
    assertThatThrownBy(
            () ->
                InstallPlanRunner.run(
                    PLAN,
                    step -> {
                      if (step instanceof WaitFor) {
                        throw new IllegalStateException("timed out: deployment x not available");
                      }
                      done.add(step);
                    },
                    p -> {}))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.stepNumber()).isEqualTo(3);
              assertThat(e.step()).startsWith("wait for deployment/x in a");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "step 3 (wait for deployment/x in a to be Available (up to 5s)) failed:"
                          + " timed out: deployment x not available");
            });
    assertThat(done).hasSize(2);
  }

  @Test
  void anInterruptedThreadStopsBeforeTheNextStep() {
    List<InstallStep> done = new ArrayList<>();
    assertThatThrownBy(
            () ->
                InstallPlanRunner.run(
                    PLAN,
                    step -> {
                      done.add(step);
                      Thread.currentThread().interrupt();
                    },
                    p -> {}))
        .isInstanceOf(InterruptedException.class);
    assertThat(done).hasSize(1);
    assertThat(Thread.interrupted()).isTrue();
  }
}

package io.meshdojo.sandbox.kind;

import java.util.function.Consumer;

/** Runs an {@link InstallPlan} step by step, reporting progress, stopping at the first failure. */
public final class InstallPlanRunner {

  /** Carries out one step against a cluster. */
  @FunctionalInterface
  public interface StepExecutor {
    void execute(InstallStep step) throws Exception;
  }

  /** Progress as the sessions API shows it: the step under way and how far along the plan is. */
  public record Progress(int stepNumber, int totalSteps, String step) {
    /** Percentage of steps finished before this one. */
    public int percent() {
      return totalSteps == 0 ? 100 : (stepNumber - 1) * 100 / totalSteps;
    }
  }

  /** A step failed: which one (1-based), what it was, and why. */
  public static final class StepFailedException extends Exception {
    private final int stepNumber;
    private final String step;

    StepFailedException(int stepNumber, String step, Throwable cause) {
      super("step " + stepNumber + " (" + step + ") failed: " + message(cause), cause);
      this.stepNumber = stepNumber;
      this.step = step;
    }

    public int stepNumber() {
      return stepNumber;
    }

    public String step() {
      return step;
    }

    private static String message(Throwable cause) {
      return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
  }

  private InstallPlanRunner() {}

  /** Runs every step in order; an interrupted thread stops before the next step. */
  public static void run(InstallPlan plan, StepExecutor executor, Consumer<Progress> progress)
      throws StepFailedException, InterruptedException {
    int total = plan.steps().size();
    for (int i = 0; i < total; i++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("install of " + plan.environment() + " interrupted");
      }
      InstallStep step = plan.steps().get(i);
      progress.accept(new Progress(i + 1, total, step.describe()));
      try {
        executor.execute(step);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        throw new StepFailedException(i + 1, step.describe(), e);
      }
    }
  }
}

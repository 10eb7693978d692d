package io.meshdojo.sandbox.kubernetes;

import io.meshdojo.sandbox.kind.CommandStepExecutor;
import io.meshdojo.sandbox.kind.InfraFiles;
import io.meshdojo.sandbox.kind.InstallPlan;
import io.meshdojo.sandbox.kind.InstallPlanRunner;
import io.meshdojo.sandbox.kind.InstallPlanRunner.Progress;
import io.meshdojo.sandbox.kind.KindInstall;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Installs an environment's baseline into a sandbox pod's inner cluster with the very plan a kind
 * cluster gets ({@link InstallPlan} of {@code infra/kind/<environment>.yaml}), its steps run by the
 * service's own kubectl and helm ({@link LocalTools}).
 */
final class PlanInstaller implements Baselines.Installer {

  private final Supplier<Map<String, KindInstall>> installs;
  private final InfraFiles infra;

  PlanInstaller(Supplier<Map<String, KindInstall>> installs, InfraFiles infra) {
    this.installs = installs;
    this.infra = infra;
  }

  @Override
  public void install(String environment, String kubeconfig, Consumer<Progress> progress)
      throws Exception {
    KindInstall install = installs.get().get(environment);
    if (install == null) {
      throw new IllegalStateException("no install for environment " + environment);
    }
    try (LocalTools tools = LocalTools.against(kubeconfig)) {
      InstallPlanRunner.run(
          InstallPlan.of(install), new CommandStepExecutor(tools, infra), progress);
    }
  }

  /**
   * The threads installs run on: daemons, since a stopping service abandons its installs (their
   * pods time out and are replaced).
   */
  static ExecutorService threads(int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException(
          "meshdojo.sandbox.kubernetes.parallel-installs must be at least 1, not " + parallel);
    }
    return Executors.newFixedThreadPool(
        parallel,
        task -> {
          Thread thread = new Thread(task, "meshdojo-baseline-install");
          thread.setDaemon(true);
          return thread;
        });
  }
}

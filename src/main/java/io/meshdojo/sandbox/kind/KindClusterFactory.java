package io.meshdojo.sandbox.kind;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts a kind cluster (kindcontainer on Testcontainers) labelled for its sandbox and runs an
 * environment's {@link InstallPlan} in it. A cluster whose install fails is stopped before the
 * failure is reported, so nothing half-installed is left behind.
 */
public final class KindClusterFactory {

  private static final Logger LOG = Logger.getLogger(KindClusterFactory.class);

  private final Path infraDir;
  private final String helmImage;

  public KindClusterFactory(Path infraDir, String helmImage) {
    this.infraDir = infraDir;
    this.helmImage = helmImage;
  }

  /** kindcontainer's name for a Kubernetes version, e.g. "1.32.0" → VERSION_1_32_0. */
  public static KindContainerVersion kindVersion(String kubernetes) {
    String name = "VERSION_" + kubernetes.replace('.', '_');
    return Arrays.stream(KindContainerVersion.values())
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "kindcontainer has no node for Kubernetes "
                        + kubernetes
                        + "; it has "
                        + Arrays.toString(KindContainerVersion.values())));
  }

  /** The labels every container of sandbox {@code id} carries. */
  public static Map<String, String> labels(String id, String environment) {
    return Map.of(KindSandboxLabels.SANDBOX, id, KindSandboxLabels.ENVIRONMENT, environment);
  }

  /**
   * Starts the cluster and installs the environment; returns once every readiness condition holds.
   */
  public KindContainer<?> start(
      String id, KindInstall install, Consumer<InstallPlanRunner.Progress> progress)
      throws Exception {
    InstallPlan plan = InstallPlan.of(install);
    KubernetesImageSpec<KindContainerVersion> image =
        new KubernetesImageSpec<>(kindVersion(install.node().kubernetes()))
            .withImage(install.node().image());
    KindContainer<?> kind = new KindContainer<>(image);
    kind.withHelm3Image(DockerImageName.parse(helmImage));
    kind.withLabels(labels(id, install.environment()));
    try {
      LOG.infof("Starting kind cluster %s for %s", id, install.environment());
      kind.start();
      InstallPlanRunner.run(plan, new KindStepExecutor(kind, infraDir), progress);
      LOG.infof("Kind cluster %s for %s is ready", id, install.environment());
      return kind;
    } catch (Exception | Error e) {
      try {
        kind.stop();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
  }
}

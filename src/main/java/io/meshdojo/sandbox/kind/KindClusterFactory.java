package io.meshdojo.sandbox.kind;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import com.dajudge.kindcontainer.helm.Helm3Container;
import com.dajudge.kindcontainer.helm.KubeConfigSupplier;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Starts a kind cluster (kindcontainer on Testcontainers) labelled for its sandbox and runs an
 * environment's {@link InstallPlan} in it. A cluster whose install fails is stopped before the
 * failure is reported, so nothing half-installed is left behind.
 *
 * <p>Clusters outlive the service: the pool adopts or removes them on the next start. So a cluster
 * is created as a reusable container, which Testcontainers does not hand to its reaper (Ryuk) when
 * reuse is enabled for the environment ({@code TESTCONTAINERS_REUSE_ENABLE=true} or {@code
 * testcontainers.reuse.enable=true} in {@code ~/.testcontainers.properties}). The helm sidecar
 * lives only for the install and is the reaper's as usual; it carries the sandbox's labels too, so
 * one left behind by a crash (or with the reaper switched off) is removed with its cluster.
 */
public final class KindClusterFactory {

  private static final Logger LOG = Logger.getLogger(KindClusterFactory.class);

  private final InfraFiles infra;
  private final String helmImage;

  public KindClusterFactory(InfraFiles infra, String helmImage) {
    this.infra = infra;
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
   * Whether Testcontainers lets reusable containers outlive this JVM here; without it, its reaper
   * removes every cluster when the service stops and there is nothing to adopt on the next start.
   */
  public static boolean clustersOutliveTheService() {
    return TestcontainersConfiguration.getInstance().environmentSupportsReuse();
  }

  /**
   * The cluster's container, configured but not started: labelled, and reusable so that the reaper
   * does not own it. Its containerd volume is named after the sandbox (kindcontainer's default for
   * reuse is one volume shared by every reusable cluster).
   */
  static KindContainer<?> cluster(String id, KindInstall install) {
    KubernetesImageSpec<KindContainerVersion> image =
        new KubernetesImageSpec<>(kindVersion(install.node().kubernetes()))
            .withImage(install.node().image());
    KindContainer<?> kind = new KindContainer<>(image);
    kind.withLabels(labels(id, install.environment()));
    kind.withReuse(true, id);
    return kind;
  }

  /**
   * The helm sidecar of a started cluster, configured but not started: in the cluster's network
   * (the admin kubeconfig's server address is the node's own), with the sandbox's labels.
   */
  static Helm3Container<?> helmSidecar(
      String id,
      String environment,
      String helmImage,
      String clusterContainerId,
      KubeConfigSupplier kubeconfig) {
    Helm3Container<?> helm = new Helm3Container<>(DockerImageName.parse(helmImage), kubeconfig);
    helm.withNetworkMode("container:" + clusterContainerId);
    helm.withLabels(labels(id, environment));
    return helm;
  }

  /**
   * Starts the cluster and installs the environment; returns once every readiness condition holds.
   */
  public KindContainer<?> start(
      String id, KindInstall install, Consumer<InstallPlanRunner.Progress> progress)
      throws Exception {
    InstallPlan plan = InstallPlan.of(install);
    KindContainer<?> kind = cluster(id, install);
    HelmSidecar helm =
        new HelmSidecar(
            () ->
                helmSidecar(
                    id,
                    install.environment(),
                    helmImage,
                    kind.getContainerId(),
                    kind::getInternalKubeconfig));
    try {
      LOG.infof("Starting kind cluster %s for %s", id, install.environment());
      kind.start();
      try {
        InstallPlanRunner.run(
            plan, new CommandStepExecutor(new KindStepExecutor(kind, helm::get), infra), progress);
      } finally {
        helm.stop();
      }
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

  /** Started at the first helm step, removed when the install ends. */
  private static final class HelmSidecar {
    private final Supplier<Helm3Container<?>> create;
    private Helm3Container<?> started;

    HelmSidecar(Supplier<Helm3Container<?>> create) {
      this.create = create;
    }

    Helm3Container<?> get() {
      if (started == null) {
        Helm3Container<?> helm = create.get();
        helm.start();
        started = helm;
      }
      return started;
    }

    void stop() {
      if (started != null) {
        try {
          started.stop();
        } catch (RuntimeException e) {
          // Its labels let the pool's reconciliation remove it with its cluster.
          LOG.warnf("Could not remove the helm sidecar: %s", e.getMessage());
        }
      }
    }
  }
}

package io.meshdojo.sandbox.kind;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.SandboxProvisioner;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.SandboxStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;

/**
 * A real kind cluster per sandbox, started through Testcontainers and prepared by the {@link
 * InstallPlan}. Not yet chosen by the sessions API (warm pool, capacity and reconciliation are
 * still to come); without Docker it reports itself unavailable.
 */
@ApplicationScoped
public class KindProvisioner implements SandboxProvisioner {

  private static final Logger LOG = Logger.getLogger(KindProvisioner.class);

  private final EnvironmentCatalog environments;
  private final Map<String, KindContainer<?>> clusters = new ConcurrentHashMap<>();
  private volatile Boolean docker;

  public KindProvisioner(EnvironmentCatalog environments) {
    this.environments = environments;
  }

  @Override
  public String backend() {
    return "kind";
  }

  @Override
  public boolean available() {
    if (docker == null) {
      try {
        docker = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        docker = false;
      }
      if (!docker) {
        LOG.info(
            "kind sandbox backend unavailable: no Docker environment; embedded sandboxes only");
      }
    }
    return docker;
  }

  /** The kindcontainer version nearest below the environment's Kubernetes version. */
  static KindContainerVersion versionFor(String kubernetesVersion) {
    String[] parts = kubernetesVersion.replaceFirst("^v", "").split("\\.");
    int minor = Integer.parseInt(parts[1]);
    KindContainerVersion best = null;
    for (KindContainerVersion v : KindContainerVersion.values()) {
      String[] vp = v.name().substring("VERSION_".length()).split("_");
      if (Integer.parseInt(vp[1]) <= minor) {
        best = v;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no kind node for Kubernetes " + kubernetesVersion);
    }
    return best;
  }

  @Override
  public void provision(
      SandboxSession session, Environment environment, List<ObjectNode> setup, Progress progress) {
    if (!available()) {
      throw new ProvisioningException(
          "start cluster", "Docker is not available on this host", null);
    }
    List<InstallStep> plan =
        InstallPlan.of(environment, environments.baseline(environment.name()), List.of());
    KindContainer<?> cluster =
        new KindContainer<>(
            new KubernetesImageSpec<>(versionFor(environment.kubernetesVersion()))
                .withImage(environment.kindNodeImage()));
    int total = plan.size();
    for (int i = 0; i < total; i++) {
      InstallStep step = plan.get(i);
      int percent = 100 * (i + 1) / (total + 1);
      switch (step.action()) {
        case CREATE_CLUSTER -> progress.step(step.name(), percent);
        case HELM_INSTALL ->
            cluster.withHelm3(
                helm -> {
                  progress.step(step.name(), percent);
                  helm.repo.add.run("istio", step.arg("repo"));
                  var install =
                      helm.install
                          .namespace(step.arg("namespace"))
                          .createNamespace()
                          .version(step.arg("version"));
                  step.args().entrySet().stream()
                      .filter(e -> e.getKey().startsWith("set."))
                      .forEach(e -> install.set(e.getKey().substring(4), e.getValue()));
                  install.run(step.arg("release"), "istio/" + step.target());
                });
        case APPLY ->
            cluster.withKubectl(
                kubectl -> {
                  progress.step(step.name(), percent);
                  if (Thread.currentThread().getContextClassLoader().getResource(step.target())
                      == null) {
                    throw new IllegalStateException(step.target() + " is not packaged");
                  }
                  kubectl.apply.fileFromClasspath(step.target()).run();
                });
        case WAIT ->
            cluster.withKubectl(
                kubectl -> {
                  progress.step(step.name(), percent);
                  String[] kindName = step.target().split("/", 2);
                  kubectl
                      .wait
                      .namespace(step.arg("namespace"))
                      .forCondition(step.arg("condition"))
                      .timeout(step.arg("timeout"))
                      .run(kindName[0], kindName[1]);
                });
      }
    }
    try {
      cluster.start();
      clusters.put(session.id, cluster);
    } catch (RuntimeException e) {
      try {
        cluster.stop();
      } catch (RuntimeException ignored) {
        // the failure below is the one to report
      }
      throw new ProvisioningException("install", e.getMessage(), e);
    }
  }

  @Override
  public SandboxStatus status(SandboxSession session) {
    KindContainer<?> c = clusters.get(session.id);
    return c != null && c.isRunning() ? SandboxStatus.READY : SandboxStatus.FAILED;
  }

  @Override
  public String kubeconfig(SandboxSession session, String token, String serviceUrl) {
    KindContainer<?> c = clusters.get(session.id);
    if (c == null) {
      throw new IllegalStateException("sandbox " + session.id + " has no cluster");
    }
    return c.getKubeconfig();
  }

  @Override
  public void reset(
      SandboxSession session, Environment environment, List<ObjectNode> setup, Progress progress) {
    destroy(session);
    provision(session, environment, setup, progress);
  }

  @Override
  public void destroy(SandboxSession session) {
    KindContainer<?> c = clusters.remove(session.id);
    if (c != null) {
      c.stop();
    }
  }
}

package io.meshdojo.sandbox.kind;

import com.dajudge.kindcontainer.KindContainer;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;

/** The real {@link ClusterRuntime}: kind clusters in Docker containers. */
public final class KindClusterRuntime implements ClusterRuntime {

  private static final Logger LOG = Logger.getLogger(KindClusterRuntime.class);

  private final KindClusterFactory factory;
  private final Map<String, KindInstall> installs;
  private final Map<String, KindContainer<?>> running = new ConcurrentHashMap<>();
  private final Map<String, InstallPlanRunner.Progress> progress = new ConcurrentHashMap<>();

  public KindClusterRuntime(KindClusterFactory factory, Map<String, KindInstall> installs) {
    this.factory = factory;
    this.installs = Map.copyOf(installs);
  }

  @Override
  public ClusterHandle create(String id, String environment) throws Exception {
    KindInstall install = installs.get(environment);
    if (install == null) {
      throw new IllegalArgumentException("no kind install for environment " + environment);
    }
    try {
      KindContainer<?> kind = factory.start(id, install, p -> progress.put(id, p));
      running.put(id, kind);
      return new ClusterHandle(id, kind.getKubeconfig());
    } finally {
      progress.remove(id);
    }
  }

  /** The container of a cluster this runtime started (not of adopted ones). */
  Optional<KindContainer<?>> container(String id) {
    return Optional.ofNullable(running.get(id));
  }

  /** The install step a cluster being created is at. */
  @Override
  public Optional<InstallPlanRunner.Progress> progress(String id) {
    return Optional.ofNullable(progress.get(id));
  }

  @Override
  public void destroy(String id) {
    KindContainer<?> kind = running.remove(id);
    if (kind != null) {
      kind.stop();
      return;
    }
    // A cluster from an earlier run of the service: find its containers (the node, and a helm
    // sidecar a crash left behind) by label, then the node's containerd volume, which is named
    // and so outlives its container.
    DockerClient docker = DockerClientFactory.instance().client();
    List<String> volumes = new ArrayList<>();
    for (Container c :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(KindSandboxLabels.SANDBOX, id))
            .exec()) {
      if (c.getMounts() != null) {
        for (ContainerMount mount : c.getMounts()) {
          if (mount.getName() != null && !mount.getName().isBlank()) {
            volumes.add(mount.getName());
          }
        }
      }
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
      } catch (RuntimeException e) {
        LOG.warnf("Could not remove container %s of sandbox %s: %s", c.getId(), id, e.getMessage());
      }
    }
    for (String volume : volumes) {
      try {
        docker.removeVolumeCmd(volume).exec();
      } catch (RuntimeException e) {
        LOG.debugf("Volume %s of sandbox %s not removed: %s", volume, id, e.getMessage());
      }
    }
  }

  @Override
  public List<String> list() {
    List<String> ids = new ArrayList<>();
    for (Container c :
        DockerClientFactory.instance()
            .client()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(List.of(KindSandboxLabels.SANDBOX))
            .exec()) {
      String id = c.getLabels().get(KindSandboxLabels.SANDBOX);
      if (id != null && !ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }
}

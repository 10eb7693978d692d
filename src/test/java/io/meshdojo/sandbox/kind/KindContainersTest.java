package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.helm.Helm3Container;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.core.CreateContainerCmdModifier;

/**
 * How the kind backend's containers are configured, checked on the container objects without
 * starting them (no Docker here).
 */
class KindContainersTest {

  static final KindInstall BOOKINFO = KindInstalls.load(Path.of("infra")).get("bookinfo");

  @Test
  void aClusterIsReusableSoTheReaperDoesNotOwnItAndCarriesItsSandboxLabels() {
    KindContainer<?> cluster = KindClusterFactory.cluster("k-1a2b", BOOKINFO);
    assertThat(cluster.isShouldBeReused()).isTrue();
    assertThat(cluster.getLabels())
        .containsEntry(KindSandboxLabels.SANDBOX, "k-1a2b")
        .containsEntry(KindSandboxLabels.ENVIRONMENT, "bookinfo");
  }

  @Test
  void theHelmSidecarCarriesTheSameLabelsAndJoinsTheClustersNetwork() {
    KindContainer<?> cluster = KindClusterFactory.cluster("k-1a2b", BOOKINFO);
    Helm3Container<?> helm =
        KindClusterFactory.helmSidecar(
            "k-1a2b", "bookinfo", "docker.io/alpine/helm:3.14.0", "c0ffee", () -> "kubeconfig");
    assertThat(helm.getLabels()).containsAllEntriesOf(cluster.getLabels());
    assertThat(helm.getNetworkMode()).isEqualTo("container:c0ffee");
    // Short-lived: removed at the end of the install, and by the reaper if the JVM dies first.
    assertThat(helm.isShouldBeReused()).isFalse();
  }

  @Test
  void eachClusterHasAContainerdVolumeOfItsOwn() {
    // kindcontainer's default under reuse is one volume for every reusable cluster.
    String one = containerdVolume(KindClusterFactory.cluster("k-one", BOOKINFO));
    String two = containerdVolume(KindClusterFactory.cluster("k-two", BOOKINFO));
    assertThat(one).contains("k-one");
    assertThat(two).contains("k-two");
  }

  /** The named volume bound at /var/lib/containerd by the container's create-command modifiers. */
  static String containerdVolume(KindContainer<?> cluster) {
    List<Bind> binds = new ArrayList<>();
    CreateContainerCmd recorder =
        (CreateContainerCmd)
            Proxy.newProxyInstance(
                CreateContainerCmd.class.getClassLoader(),
                new Class<?>[] {CreateContainerCmd.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("withBinds")) {
                    Object arg = args[0];
                    binds.addAll(arg instanceof Bind[] array ? List.of(array) : (List<Bind>) arg);
                  }
                  return method.getReturnType().isInstance(proxy) ? proxy : null;
                });
    for (CreateContainerCmdModifier modifier : cluster.getCreateContainerCmdModifiers()) {
      modifier.modify(recorder);
    }
    return binds.stream()
        .filter(b -> b.getVolume().getPath().equals("/var/lib/containerd"))
        .map(Bind::getPath)
        .findFirst()
        .orElseThrow();
  }
}

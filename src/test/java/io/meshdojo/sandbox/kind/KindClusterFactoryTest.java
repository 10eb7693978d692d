package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dajudge.kindcontainer.KindContainerVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KindClusterFactoryTest {

  @Test
  void kubernetesVersionsMapToKindcontainersNodes() {
    assertThat(KindClusterFactory.kindVersion("1.32.0"))
        .isEqualTo(KindContainerVersion.VERSION_1_32_0);
    assertThat(KindClusterFactory.kindVersion("1.33.4"))
        .isEqualTo(KindContainerVersion.VERSION_1_33_4);
    assertThatThrownBy(() -> KindClusterFactory.kindVersion("1.32.7"))
        .hasMessageContaining("no node for Kubernetes 1.32.7")
        .hasMessageContaining("it has [1.21.2")
        .hasMessageContaining("1.32.0");
  }

  @Test
  void everyEnvironmentsNodeVersionIsOneKindcontainerHasAndItsImageMatches() {
    KindInstalls.load(Path.of("infra"))
        .values()
        .forEach(
            install -> {
              KindContainerVersion version =
                  KindClusterFactory.kindVersion(install.node().kubernetes());
              assertThat(install.node().image()).endsWith(":v" + install.node().kubernetes());
              assertThat(version.descriptor().getKubernetesVersion())
                  .endsWith(install.node().kubernetes());
            });
  }

  @Test
  void everyContainerIsLabelledWithItsSandboxAndEnvironment() {
    assertThat(KindClusterFactory.labels("kind-abc", "bookinfo"))
        .containsEntry("io.meshdojo.sandbox", "kind-abc")
        .containsEntry("io.meshdojo.environment", "bookinfo")
        .hasSize(2);
  }
}

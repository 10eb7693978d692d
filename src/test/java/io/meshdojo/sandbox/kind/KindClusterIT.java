package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Where Docker exists: a kind node starts and takes the bookinfo baseline with kubectl. Skipped
 * cleanly without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class KindClusterIT {

  @Container
  static final KindContainer<?> KIND =
      new KindContainer<>(new KubernetesImageSpec<>(KindContainerVersion.VERSION_1_32_0))
          .withKubectl(
              kubectl -> {
                kubectl
                    .apply
                    .fileFromClasspath(
                        "meshdojo/infra/environments/bookinfo/baseline/00-namespaces.yaml")
                    .run();
                kubectl
                    .apply
                    .fileFromClasspath(
                        "meshdojo/infra/environments/bookinfo/baseline/20-bookinfo.yaml")
                    .run();
              });

  @Test
  void theBaselineAppliesToARealCluster() {
    assertThat(KIND.isRunning()).isTrue();
    assertThat(KIND.getKubeconfig()).contains("server:");
  }
}

package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An environment is described twice: infra/environments/ (what the embedded sandbox simulates) and
 * infra/kind/ (how a real cluster is installed). They must name the same versions.
 */
class EnvironmentsAgreeTest {

  @Test
  void theEmbeddedAndTheKindDescriptionsOfEachEnvironmentNameTheSameVersions() throws Exception {
    EnvironmentCatalog catalog = new EnvironmentCatalog();
    Map<String, KindInstall> installs = KindInstalls.load(Path.of("infra"));
    assertThat(installs.keySet()).containsExactlyInAnyOrder("bookinfo", "ecosystem");
    for (Map.Entry<String, KindInstall> install : installs.entrySet()) {
      Environment environment = catalog.find(install.getKey()).orElseThrow();
      KindInstall kind = install.getValue();
      assertThat(environment.istioVersion()).as(install.getKey()).isEqualTo(kind.istio().version());
      assertThat(environment.kubernetesVersion().replaceFirst("^v", ""))
          .as(install.getKey())
          .isEqualTo(kind.node().kubernetes());
      assertThat(kind.node().image()).as(install.getKey()).endsWith(environment.kindNodeImage());
    }
  }
}

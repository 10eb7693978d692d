package io.meshdojo.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostClusterAccessTest {

  @TempDir Path home;

  Path token() {
    return home.resolve("token");
  }

  @Test
  void disabledSaysSoWhateverTheAccess() throws IOException {
    Files.writeString(token(), "t");
    assertThat(
            HostClusterAccess.assess(
                false, Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), home, token()))
        .hasValueSatisfying(why -> assertThat(why).contains("enabled=false"));
  }

  @Test
  void withoutAServiceAccountOrKubeconfigThereIsNoAccess() {
    assertThat(HostClusterAccess.assess(true, Map.of(), home, token()))
        .hasValueSatisfying(why -> assertThat(why).contains("no host cluster access"));
    assertThat(HostClusterAccess.assess(true, Map.of("KUBECONFIG", home + "/none"), home, token()))
        .hasValueSatisfying(why -> assertThat(why).contains("KUBECONFIG"));
  }

  @Test
  void aPodsServiceAccountOrAKubeconfigGivesAccess() throws IOException {
    Files.writeString(token(), "t");
    assertThat(
            HostClusterAccess.assess(
                true, Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), home, token()))
        .isEmpty();

    Path file = Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1");
    assertThat(
            HostClusterAccess.assess(
                true, Map.of("KUBECONFIG", file.toString()), home, home.resolve("x")))
        .isEmpty();

    Files.createDirectories(home.resolve(".kube"));
    Files.writeString(home.resolve(".kube/config"), "apiVersion: v1");
    assertThat(HostClusterAccess.assess(true, Map.of(), home, home.resolve("x"))).isEmpty();
  }
}

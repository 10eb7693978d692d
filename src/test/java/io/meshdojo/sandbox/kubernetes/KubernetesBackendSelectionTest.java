package io.meshdojo.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.SandboxBackends;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Asking for the kubernetes backend while it is switched off (its default) leaves new sandboxes on
 * the embedded backend, and the registry still knows the kubernetes one by name.
 */
@QuarkusTest
@TestProfile(KubernetesBackendSelectionTest.KubernetesWanted.class)
class KubernetesBackendSelectionTest {

  public static class KubernetesWanted implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("meshdojo.sandbox.backend", "kubernetes");
    }
  }

  @Inject SandboxBackends backends;

  @Test
  void aDisabledKubernetesBackendFallsBackToEmbedded() {
    assertThat(backends.of("kubernetes").unavailable())
        .hasValueSatisfying(why -> assertThat(why).contains("enabled=false"));
    assertThat(backends.forNewSandbox().name()).isEqualTo("embedded");
  }
}

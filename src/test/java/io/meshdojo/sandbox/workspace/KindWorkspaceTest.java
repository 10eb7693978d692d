package io.meshdojo.sandbox.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.workspace.SandboxWorkspace.SandboxAccess;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The kind backend's workspace speaks plain Kubernetes API through fabric8. Without Docker it is
 * pointed at an embedded sandbox's API (which kubectl also drives), so its server-side apply,
 * discovery, lists and deletes run against a real API server implementation here.
 */
@QuarkusTest
class KindWorkspaceTest {

  @Inject KindWorkspace workspace;
  @Inject ObjectMapper json;

  @Test
  void appliesListsReadsAndDeletesThroughTheKubernetesApi() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    SandboxAccess sandbox = new SandboxAccess(Kubectl.lastUser, k.sessionId, 26, k.kubeconfigText);
    ObjectNode config =
        (ObjectNode)
            json.readTree(
                """
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "notes", "namespace": "bookinfo"},
                 "data": {"note": "first"}}
                """);

    assertThat(workspace.apply(sandbox, config.deepCopy()).action()).isEqualTo("created");
    assertThat(workspace.apply(sandbox, config.deepCopy()).action()).isEqualTo("unchanged");
    config.with("data").put("note", "second");
    assertThat(workspace.apply(sandbox, config.deepCopy()).action()).isEqualTo("configured");

    ObjectRef ref = new ObjectRef("v1", "ConfigMap", "bookinfo", "notes");
    assertThat(workspace.get(sandbox, ref).path("data").path("note").asText()).isEqualTo("second");
    assertThat(workspace.list(sandbox))
        .extracting(ObjectRef::of)
        .contains(ref, new ObjectRef("v1", "Service", "bookinfo", "reviews"));

    workspace.delete(sandbox, ref);
    assertThatThrownBy(() -> workspace.get(sandbox, ref))
        .isInstanceOfSatisfying(WorkspaceRefusal.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> workspace.delete(sandbox, ref))
        .isInstanceOfSatisfying(WorkspaceRefusal.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void theApiServersRefusalIsPassedOnInItsOwnWords() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    SandboxAccess sandbox = new SandboxAccess(Kubectl.lastUser, k.sessionId, 26, k.kubeconfigText);
    ObjectNode broken =
        (ObjectNode)
            json.readTree(
                """
                {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService",
                 "metadata": {"name": "reviews", "namespace": "bookinfo"},
                 "spec": {"hosts": ["reviews"], "http": [{"route": [{"destination":
                   {"host": "reviews", "subset": "v1"}, "weight": -5}]}]}}
                """);
    assertThatThrownBy(() -> workspace.apply(sandbox, broken))
        .isInstanceOfSatisfying(
            WorkspaceRefusal.class,
            e -> {
              assertThat(e.status()).isBetween(400, 499);
              assertThat(e.getMessage()).contains("weight");
            });
  }
}

package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.api.ControlPlaneHistory;
import org.junit.jupiter.api.Test;

/**
 * Each proxy runs with the mesh config of the revision it belongs to: ConfigMap {@code istio-<rev>}
 * for a revisioned istiod, {@code istio} for the default one; a tag injects with its revision.
 */
class RevisionMeshConfigTest {

  /** Sleep in two namespaces: one on the 1-25 revision (by tag), one on 1-26 (by label). */
  private static final String TWO_REVISIONS =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: istio-1-26, namespace: istio-system}
      data:
        mesh: |-
          outboundTrafficPolicy:
            mode: REGISTRY_ONLY
          accessLogFile: /dev/stdout
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: istiod-1-26, namespace: istio-system, labels: {app: istiod, istio.io/rev: 1-26}}
      spec:
        selector: {matchLabels: {app: istiod, istio.io/rev: 1-26}}
        template:
          metadata: {labels: {app: istiod, istio.io/rev: 1-26}}
          spec: {containers: [{name: discovery, image: "docker.io/istio/pilot:1.26.3"}]}
      ---
      """
          + sleepIn("canary", "istio.io/rev: 1-26")
          + sleepIn("stable", "istio-injection: enabled");

  /** A namespace with these labels and a Deployment of one container, as its only workload. */
  private static String sleepIn(String namespace, String labels) {
    return String.format(
        """
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s, labels: {%2$s}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: sleep, namespace: %1$s}
        spec:
          selector: {matchLabels: {app: sleep}}
          template:
            metadata: {labels: {app: sleep}}
            spec: {containers: [{name: sleep, image: curl}]}
        """,
        namespace, labels);
  }

  @Test
  void eachProxyReadsTheMeshConfigOfItsRevision() {
    Mesh mesh = mesh("upgrade", TWO_REVISIONS);
    Workload canary = mesh.workload("canary/sleep").orElseThrow();
    Workload stable = mesh.workload("stable/sleep").orElseThrow();
    assertThat(mesh.proxyRevision(canary)).isEqualTo("1-26");
    // istio-injection=enabled asks for the default revision: the tag, which points at 1-25.
    assertThat(mesh.proxyRevision(stable)).isEqualTo("1-25");
    assertThat(MeshConfig.outboundMode(mesh, canary))
        .isEqualTo(MeshConfig.OutboundMode.REGISTRY_ONLY);
    assertThat(MeshConfig.outboundMode(mesh, stable)).isEqualTo(MeshConfig.OutboundMode.ALLOW_ANY);
    assertThat(MeshConfig.accessLogFile(mesh, canary)).isEqualTo("/dev/stdout");
    assertThat(MeshConfig.accessLogFile(mesh, stable)).isEmpty();
    Router router = new Router(mesh);
    assertThat(router.route(Request.get("canary/sleep", "www.google.com", 80)))
        .extracting(Outcome::kind)
        .containsExactly(Outcome.Kind.BLOCKED);
    assertThat(router.route(Request.get("stable/sleep", "www.google.com", 80)))
        .extracting(Outcome::kind)
        .containsExactly(Outcome.Kind.REACHED);
  }

  @Test
  void theDefaultRevisionReadsConfigMapIstio() {
    Mesh mesh =
        mesh(
            "bookinfo",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: istio, namespace: istio-system}
            data:
              mesh: |-
                outboundTrafficPolicy:
                  mode: REGISTRY_ONLY
            """);
    Workload productpage = mesh.workload("bookinfo/productpage-v1").orElseThrow();
    assertThat(mesh.proxyRevision(productpage)).isEqualTo("default");
    assertThat(MeshConfig.outboundMode(mesh, productpage))
        .isEqualTo(MeshConfig.OutboundMode.REGISTRY_ONLY);
  }

  @Test
  void aMomentOfGradedFilesHoldsThePodsTheTemplatesWouldGet() {
    ControlPlaneHistory.Moment m =
        io.meshdojo.grader.objectives.ControlPlaneMoments.of(mesh("upgrade", TWO_REVISIONS));
    assertThat(m.revisions()).containsEntry("1-25", "1.25.3").containsEntry("1-26", "1.26.3");
    assertThat(m.tags()).containsEntry("default", "1-25");
    assertThat(m.proxies())
        .contains(
            new ControlPlaneHistory.Proxy("canary/sleep", "", "1-26", "1.26.3"),
            new ControlPlaneHistory.Proxy("stable/sleep", "", "1-25", "1.25.3"),
            new ControlPlaneHistory.Proxy("bookinfo/productpage-v1", "", "1-25", "1.25.3"));
    assertThat(m.proxies()).allSatisfy(p -> assertThat(m.served(p)).isTrue());
  }
}

package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.authorizationPolicy;
import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static io.meshdojo.grader.mesh.MeshTestSupport.summary;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityTest {

  private static final String STRICT =
      """
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default, namespace: bookinfo}
      spec: {mtls: {mode: STRICT}}
      ---
      """;

  @Test
  void workloadPolicyBeatsNamespaceAndUnsetInherits() {
    Mesh mesh =
        mesh(
            "bookinfo",
            STRICT
                + """
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: ratings, namespace: bookinfo}
                spec:
                  selector: {matchLabels: {app: ratings}}
                  mtls: {mode: PERMISSIVE}
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: details, namespace: bookinfo}
                spec:
                  selector: {matchLabels: {app: details}}
                  mtls: {mode: UNSET}
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: ignored, namespace: istio-system}
                spec:
                  selector: {matchLabels: {app: reviews}}
                  mtls: {mode: DISABLE}
                """);
    Security s = new Security(mesh);
    assertThat(s.mode(mesh.workload("bookinfo/ratings-v1").orElseThrow(), 9080))
        .isEqualTo(Security.Mode.PERMISSIVE);
    assertThat(s.mode(mesh.workload("bookinfo/details-v1").orElseThrow(), 9080))
        .isEqualTo(Security.Mode.STRICT);
    assertThat(s.mode(mesh.workload("bookinfo/reviews-v1").orElseThrow(), 9080))
        .isEqualTo(Security.Mode.STRICT);
  }

  @Test
  void strictWithADisableClientResetsTheConnection() {
    Mesh mesh =
        mesh(
            "bookinfo",
            STRICT
                + """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ratings, namespace: bookinfo}
                spec:
                  host: ratings
                  trafficPolicy: {tls: {mode: DISABLE}}
                """);
    Router router = new Router(mesh);
    assertThat(summary(router.route(Request.get("bookinfo/reviews-v2", "ratings", 9080))))
        .isEqualTo(Map.of("503", 1.0));
    assertThat(summary(router.route(Request.get("bookinfo/reviews-v2", "details", 9080))))
        .isEqualTo(Map.of("details-v1", 1.0));
  }

  @Test
  void emptySpecDeniesAndPrincipalsNeedMtls() {
    String policies =
        """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-all, namespace: bookinfo}
        spec: {}
        ---
        """
            + authorizationPolicy(
                "ratings",
                """
                rules:
                - from: [{source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews]}}]
                  to: [{operation: {methods: [GET]}}]
                """);
    Router strict = new Router(mesh("bookinfo", STRICT + policies));
    Request fromReviews = Request.get("bookinfo/reviews-v2", "ratings", 9080);
    assertThat(summary(strict.route(fromReviews))).isEqualTo(Map.of("ratings-v1", 1.0));
    assertThat(summary(strict.route(fromReviews.withMethod("POST")))).isEqualTo(Map.of("403", 1.0));
    assertThat(summary(strict.route(Request.get("bookinfo/productpage-v1", "ratings", 9080))))
        .isEqualTo(Map.of("403", 1.0));
    assertThat(summary(strict.route(Request.get("bookinfo/productpage-v1", "details", 9080))))
        .isEqualTo(Map.of("403", 1.0));
    // With a plaintext client (DestinationRule DISABLE, PERMISSIVE server) there is no principal.
    Router plain =
        new Router(
            mesh(
                "bookinfo",
                policies
                    + """
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: ratings, namespace: bookinfo}
                    spec: {host: ratings, trafficPolicy: {tls: {mode: DISABLE}}}
                    """));
    assertThat(summary(plain.route(fromReviews))).isEqualTo(Map.of("403", 1.0));
  }

  @Test
  void denyBeatsAllow() {
    Router router =
        new Router(
            mesh(
                "bookinfo",
                """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: allow-all, namespace: bookinfo}
                spec: {rules: [{}]}
                ---
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: no-delete, namespace: bookinfo}
                spec:
                  action: DENY
                  rules: [{to: [{operation: {methods: [DELETE]}}]}]
                """));
    Request r = Request.get("bookinfo/productpage-v1", "details", 9080);
    assertThat(summary(router.route(r))).isEqualTo(Map.of("details-v1", 1.0));
    assertThat(summary(router.route(r.withMethod("DELETE")))).isEqualTo(Map.of("403", 1.0));
  }

  /** A request from outside the mesh that enters through the ingress gateway's port 8080. */
  private static List<Outcome> viaIngress(Mesh mesh, String path) {
    return new Router(mesh)
        .route(
            new Request(
                "istio-system/istio-ingressgateway",
                "bookinfo.example.com",
                80,
                "GET",
                path,
                Map.of(),
                8080));
  }

  private static final String BOOKINFO_GATEWAY =
      """
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: bookinfo-gateway, namespace: bookinfo}
      spec:
        selector: {istio: ingressgateway}
        servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["*"]}]
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: bookinfo, namespace: bookinfo}
      spec:
        hosts: ["*"]
        gateways: [bookinfo-gateway]
        http: [{route: [{destination: {host: productpage, port: {number: 9080}}}]}]
      ---
      """;

  @Test
  void aRootNamespacePolicyAppliesAtTheGatewaysToo() {
    assertThat(summary(viaIngress(mesh("bookinfo", BOOKINFO_GATEWAY), "/productpage")))
        .containsOnlyKeys("productpage-v1");
    Mesh denyAdmin =
        mesh(
            "bookinfo",
            BOOKINFO_GATEWAY
                + """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: no-admin, namespace: istio-system}
                spec:
                  action: DENY
                  rules: [{to: [{operation: {paths: ["/admin*"]}}]}]
                """);
    // Refused by the gateway's own RBAC filter, before any route is chosen.
    List<Outcome> admin = viaIngress(denyAdmin, "/admin/x");
    assertThat(admin).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(403));
    assertThat(admin.get(0).trace())
        .anyMatch(t -> t.contains("RBAC at istio-system/istio-ingressgateway"));
    assertThat(summary(viaIngress(denyAdmin, "/productpage"))).containsOnlyKeys("productpage-v1");
  }

  @Test
  void aBareServiceAccountNameMeansTheOneInThePolicysNamespace() {
    Mesh mesh =
        mesh(
            "bookinfo",
            STRICT
                + String.join(
                    "---\n",
                    authorizationPolicy(
                        "details",
                        "rules: [{from: [{source: {serviceAccounts: [bookinfo-productpage]}}]}]"),
                    authorizationPolicy(
                        "ratings",
                        "rules: [{from: [{source: {serviceAccounts: [bookinfo/bookinfo-reviews]}}]}]"),
                    authorizationPolicy(
                        "reviews",
                        "rules: [{from: [{source: {notServiceAccounts: [bookinfo-ratings]}}]}]")));
    Router router = new Router(mesh);
    assertThat(summary(router.route(Request.get("bookinfo/productpage-v1", "details", 9080))))
        .containsOnlyKeys("details-v1");
    assertThat(summary(router.route(Request.get("bookinfo/reviews-v1", "details", 9080))))
        .containsOnlyKeys("403");
    assertThat(summary(router.route(Request.get("bookinfo/reviews-v2", "ratings", 9080))))
        .containsOnlyKeys("ratings-v1");
    assertThat(summary(router.route(Request.get("bookinfo/ratings-v1", "reviews", 9080))))
        .containsOnlyKeys("403");
    assertThat(summary(router.route(Request.get("bookinfo/details-v1", "reviews", 9080))))
        .doesNotContainKey("403");
  }
}

package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtAuthenticationTest {

  private static final String ISSUER = "testing@secure.istio.io";

  private static Workload productpage(Mesh mesh) {
    return mesh.workload("bookinfo/productpage-v1").orElseThrow();
  }

  @Test
  void onlyRulesThatSelectTheWorkloadAndReadTheHeaderAreAsked() {
    Mesh mesh =
        mesh(
            "bookinfo",
            """
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {name: jwt, namespace: bookinfo}
            spec:
              selector: {matchLabels: {app: productpage}}
              jwtRules:
              - issuer: testing@secure.istio.io
                audiences: [bookinfo]
              - issuer: other@example.com
                fromHeaders: [{name: x-token}]
            """);
    JwtAuthentication auth = new JwtAuthentication(mesh);
    Workload pp = productpage(mesh);
    Workload details = mesh.workload("bookinfo/details-v1").orElseThrow();
    JwtToken good = JwtToken.valid(ISSUER, null, Map.of("aud", List.of("bookinfo")));
    assertThat(auth.authenticate(pp, good).refusal()).isNull();
    assertThat(auth.authenticate(pp, good).identity().principal()).isEqualTo(ISSUER + "/" + ISSUER);
    // Verified tokens are removed before forwarding unless forwardOriginalToken.
    assertThat(auth.authenticate(pp, good).forwarded()).isEqualTo(JwtToken.NONE);
    assertThat(auth.authenticate(pp, JwtToken.valid(ISSUER, null, Map.of())).refusal())
        .contains("audience");
    // The other issuer's rule reads x-token, not Authorization: its tokens fail here.
    assertThat(auth.authenticate(pp, JwtToken.valid("other@example.com", null, Map.of())).refusal())
        .contains("issuer other@example.com");
    assertThat(auth.authenticate(pp, JwtToken.INVALID).refusal()).isNotNull();
    assertThat(auth.authenticate(pp, JwtToken.NONE).refusal()).isNull();
    assertThat(auth.authenticate(details, JwtToken.INVALID).refusal()).isNull();
  }

  @Test
  void claimsAndPrincipalsDecideAuthorization() {
    Mesh mesh =
        mesh(
            "bookinfo",
            """
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {name: jwt, namespace: istio-system}
            spec:
              jwtRules: [{issuer: testing@secure.istio.io, forwardOriginalToken: true}]
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: group1, namespace: bookinfo}
            spec:
              selector: {matchLabels: {app: productpage}}
              rules:
              - from: [{source: {requestPrincipals: ["testing@secure.istio.io/*"]}}]
                when: [{key: "request.auth.claims[groups]", values: [group1]}]
            """);
    Router router = new Router(mesh);
    Request base = Request.get("bookinfo/reviews-v1", "productpage", 9080);
    Map<String, List<String>> group1 = Map.of("groups", List.of("group2", "group1"));
    assertThat(
            MeshTestSupport.summary(
                router.route(base.withJwt(JwtToken.valid(ISSUER, null, group1)))))
        .isEqualTo(Map.of("productpage-v1", 1.0));
    assertThat(
            MeshTestSupport.summary(
                router.route(
                    base.withJwt(
                        JwtToken.valid(ISSUER, null, Map.of("groups", List.of("group2")))))))
        .isEqualTo(Map.of("403", 1.0));
    assertThat(MeshTestSupport.summary(router.route(base))).isEqualTo(Map.of("403", 1.0));
    assertThat(MeshTestSupport.summary(router.route(base.withJwt(JwtToken.INVALID))))
        .isEqualTo(Map.of("401", 1.0));
    assertThat(JwtAuthentication.values("request.auth.claims[groups]", JwtToken.NONE)).isEmpty();
  }
}

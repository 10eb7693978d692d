package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.bookinfoRouter;
import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static io.meshdojo.grader.mesh.MeshTestSupport.summary;
import static io.meshdojo.grader.mesh.MeshTestSupport.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static final String DR =
      """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews, namespace: bookinfo}
      spec:
        host: reviews
        subsets:
        - {name: v1, labels: {version: v1}}
        - {name: v2, labels: {version: v2}}
        - {name: v3, labels: {version: v3}}
      """;

  private static final Request TO_REVIEWS = Request.get("bookinfo/productpage-v1", "reviews", 9080);

  @Test
  void withoutRulesRequestsSpreadOverAllVersions() {
    Router router = bookinfoRouter();
    Map<String, Double> s = summary(router.route(TO_REVIEWS));
    assertThat(s).containsOnlyKeys("reviews-v1", "reviews-v2", "reviews-v3");
    assertThat(s.get("reviews-v1")).isEqualTo(0.3333);
  }

  @Test
  void exactHeaderMatchIsCaseSensitiveAndFirstMatchWins() {
    Router router =
        bookinfoRouter(
            DR,
            virtualService(
                "reviews",
                """
                - match: [{headers: {end-user: {exact: jason}}}]
                  route: [{destination: {host: reviews, subset: v2}}]
                - route: [{destination: {host: reviews, subset: v1}}]
                """));
    assertThat(summary(router.route(TO_REVIEWS.withHeader("End-User", "jason"))))
        .isEqualTo(Map.of("reviews-v2", 1.0));
    assertThat(summary(router.route(TO_REVIEWS.withHeader("end-user", "Jason"))))
        .isEqualTo(Map.of("reviews-v1", 1.0));
    assertThat(summary(router.route(TO_REVIEWS))).isEqualTo(Map.of("reviews-v1", 1.0));
  }

  @Test
  void regexMustMatchTheWholeValueAndPrefixDoesNot() {
    Router router =
        bookinfoRouter(
            DR,
            virtualService(
                "reviews",
                """
                - match: [{headers: {end-user: {regex: "jas"}}}]
                  route: [{destination: {host: reviews, subset: v3}}]
                - match: [{headers: {end-user: {prefix: "jas"}}}]
                  route: [{destination: {host: reviews, subset: v2}}]
                - route: [{destination: {host: reviews, subset: v1}}]
                """));
    assertThat(summary(router.route(TO_REVIEWS.withHeader("end-user", "jason"))))
        .isEqualTo(Map.of("reviews-v2", 1.0));
    assertThat(summary(router.route(TO_REVIEWS.withHeader("end-user", "jas"))))
        .isEqualTo(Map.of("reviews-v3", 1.0));
  }

  @Test
  void weightsAreRelativeAndZeroWeightsDropped() {
    Router router =
        bookinfoRouter(
            DR,
            virtualService(
                "reviews.bookinfo.svc.cluster.local",
                """
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 4}
                  - {destination: {host: reviews, subset: v2}, weight: 0}
                  - {destination: {host: reviews, subset: v3}, weight: 1}
                """));
    assertThat(summary(router.route(TO_REVIEWS)))
        .isEqualTo(Map.of("reviews-v1", 0.8, "reviews-v3", 0.2));
  }

  @Test
  void missingSubsetGives503AndNoMatchGives404() {
    Router router =
        bookinfoRouter(
            virtualService(
                "reviews",
                """
                - match: [{headers: {end-user: {exact: jason}}}]
                  route: [{destination: {host: reviews, subset: v2}}]
                """));
    assertThat(summary(router.route(TO_REVIEWS.withHeader("end-user", "jason"))))
        .isEqualTo(Map.of("503", 1.0));
    assertThat(summary(router.route(TO_REVIEWS))).isEqualTo(Map.of("404", 1.0));
  }

  @Test
  void dottedShortHostIsLiteralAndChangesNothing() {
    Router router =
        bookinfoRouter(
            DR,
            virtualService(
                "reviews.bookinfo",
                """
                - route: [{destination: {host: reviews, subset: v1}}]
                """));
    assertThat(summary(router.route(TO_REVIEWS))).hasSize(3);
  }

  @Test
  void faultWithoutPercentageInjectsNothing() {
    String vs =
        virtualService(
            "ratings",
            """
            - fault: {delay: {fixedDelay: 7s%s}}
              route: [{destination: {host: ratings}}]
            """);
    Request req = Request.get("bookinfo/reviews-v2", "ratings", 9080);
    assertThat(summary(bookinfoRouter(vs.formatted("")).route(req)))
        .isEqualTo(Map.of("ratings-v1", 1.0));
    assertThat(summary(bookinfoRouter(vs.formatted(", percentage: {value: 50}")).route(req)))
        .isEqualTo(Map.of("ratings-v1", 0.5, "ratings-v1+7000ms", 0.5));
    // The deprecated integer field still counts when percentage is absent.
    assertThat(summary(bookinfoRouter(vs.formatted(", percent: 100")).route(req)))
        .isEqualTo(Map.of("ratings-v1+7000ms", 1.0));
  }

  @Test
  void sourceLabelsSelectClientsAtConfigTime() {
    Router router =
        bookinfoRouter(
            DR,
            virtualService(
                "reviews",
                """
                - match: [{sourceLabels: {app: ratings}}]
                  route: [{destination: {host: reviews, subset: v3}}]
                """));
    assertThat(summary(router.route(Request.get("bookinfo/ratings-v1", "reviews", 9080))))
        .isEqualTo(Map.of("reviews-v3", 1.0));
    // Every rule excludes productpage: it falls back to default routing.
    assertThat(summary(router.route(TO_REVIEWS))).hasSize(3);
  }

  @Test
  void timeoutsAndRetriesComeFromTheMatchedRule() {
    Router router =
        bookinfoRouter(
            virtualService(
                "reviews",
                """
                - match: [{headers: {end-user: {exact: jason}}}]
                  timeout: 0.5s
                  retries: {attempts: 0}
                  route: [{destination: {host: reviews}}]
                - route: [{destination: {host: reviews}}]
                """));
    Outcome jason = router.route(TO_REVIEWS.withHeader("end-user", "jason")).get(0);
    assertThat(jason.timeoutMs()).isEqualTo(500);
    assertThat(jason.attempts()).isZero();
    Outcome other = router.route(TO_REVIEWS).get(0);
    assertThat(other.timeoutMs()).isZero();
    assertThat(other.attempts()).isEqualTo(Router.DEFAULT_RETRY_ATTEMPTS);
  }

  @Test
  void customAuthorizationIsTreatedAsDenyWhenItMatches() {
    Router router =
        new Router(
            mesh(
                "bookinfo",
                """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: ext, namespace: bookinfo}
                spec:
                  action: CUSTOM
                  provider: {name: opa}
                  rules: [{to: [{operation: {paths: ["/admin*"]}}]}]
                """));
    assertThat(summary(router.route(TO_REVIEWS.withPath("/admin/x"))))
        .isEqualTo(Map.of("403", 1.0));
    assertThat(summary(router.route(TO_REVIEWS))).hasSize(3);
  }

  @Test
  void aDelegateIsMergedIntoItsRootForSidecarsAndFallsThroughWhenNothingMatches() {
    Router router =
        bookinfoRouter(
            DR,
            """
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: reviews, namespace: bookinfo}
                    spec:
                      hosts: [reviews]
                      http:
                      - match: [{uri: {prefix: /reviews}}]
                        delegate: {name: reviews-users, namespace: istio-system}
                      - match: [{uri: {prefix: /health}}]
                        delegate: {name: hidden, namespace: istio-system}
                      - route: [{destination: {host: reviews, subset: v1}}]
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: reviews-users, namespace: istio-system}
                    spec:
                      exportTo: [bookinfo]
                      http:
                      - match: [{headers: {end-user: {exact: jason}}}]
                        route: [{destination: {host: reviews.bookinfo.svc.cluster.local, subset: v2}}]
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: hidden, namespace: istio-system}
                    spec:
                      exportTo: ["."]
                      http:
                      - route: [{destination: {host: reviews.bookinfo.svc.cluster.local, subset: v3}}]
                    """);
    Request reviews = TO_REVIEWS.withPath("/reviews/0");
    // Root match AND delegate match: jason on /reviews reaches v2.
    assertThat(summary(router.route(reviews.withHeader("end-user", "jason"))))
        .isEqualTo(Map.of("reviews-v2", 1.0));
    // No delegate rule matches: the next root rule decides.
    assertThat(summary(router.route(reviews))).isEqualTo(Map.of("reviews-v1", 1.0));
    // A delegate not exported to the root's namespace is not used.
    assertThat(summary(router.route(TO_REVIEWS.withPath("/health"))))
        .isEqualTo(Map.of("reviews-v1", 1.0));
  }
}

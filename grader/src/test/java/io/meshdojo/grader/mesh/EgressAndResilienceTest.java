package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static io.meshdojo.grader.mesh.MeshTestSupport.summary;
import static io.meshdojo.grader.mesh.MeshTestSupport.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.testing.RepositoryEnvironments;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The egress and resilience parts of the model: outbound policy, ServiceEntry visibility, gateway
 * hops, latency through Bookinfo's call graph, retries, connection pools, outlier detection and
 * mirroring.
 */
class EgressAndResilienceTest {

  private static final String REGISTRY_ONLY =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: istio, namespace: istio-system}
      data:
        mesh: |-
          outboundTrafficPolicy:
            mode: REGISTRY_ONLY
      ---
      """;

  private static final String SLEEP =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: egress, labels: {istio-injection: enabled}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: sleep, namespace: egress}
      spec:
        selector: {matchLabels: {app: sleep}}
        template:
          metadata: {labels: {app: sleep}}
          spec: {containers: [{name: sleep, image: curl}]}
      ---
      """;

  private static final Traffic TLS = new Traffic(true, 1, null, null);

  private static Router bookinfo(String yaml) {
    var calls =
        RepositoryEnvironments.get().get("bookinfo").calls().stream()
            .map(c -> new CallGraph.Call(c.from(), c.host(), c.port(), c.path(), c.timeoutMs()))
            .toList();
    return new Router(mesh("bookinfo", yaml), CallGraph.of(calls));
  }

  @Test
  void unregisteredHostsLeaveUnderAllowAnyAndAreBlockedUnderRegistryOnly() {
    Request toGoogle = Request.get("egress/sleep", "www.google.com", 80);
    assertThat(summary(bookinfo(SLEEP).route(toGoogle))).isEqualTo(Map.of("www.google.com", 1.0));
    Router locked = bookinfo(REGISTRY_ONLY + SLEEP);
    assertThat(locked.route(toGoogle))
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.BLOCKED))
        .satisfies(o -> assertThat(o.status()).isEqualTo(502));
    assertThat(locked.route(Request.get("egress/sleep", "www.google.com", 443), TLS))
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isZero());
  }

  @Test
  void theClientsSidecarPolicyOverridesTheMeshsForUnregisteredHosts() {
    String sidecar =
        """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: egress}
        spec:
          egress: [{hosts: ["./*", "istio-system/*"]}]
          outboundTrafficPolicy: {mode: %s}
        """;
    Request toGoogle = Request.get("egress/sleep", "www.google.com", 80);
    assertThat(bookinfo(SLEEP + sidecar.formatted("REGISTRY_ONLY")).route(toGoogle))
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.BLOCKED));
    assertThat(
            summary(
                bookinfo(REGISTRY_ONLY + SLEEP + sidecar.formatted("ALLOW_ANY")).route(toGoogle)))
        .isEqualTo(Map.of("www.google.com", 1.0));
    // Another namespace's workloads keep the mesh's policy.
    assertThat(
            bookinfo(SLEEP + sidecar.formatted("REGISTRY_ONLY"))
                .route(Request.get("bookinfo/ratings-v1", "www.google.com", 80)))
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.REACHED));
  }

  @Test
  void serviceEntriesOpenTheirHostsPortsAndNamespacesOnly() {
    Router router =
        bookinfo(
            REGISTRY_ONLY
                + SLEEP
                + """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: github, namespace: egress}
                spec:
                  hosts: ["*.github.com"]
                  exportTo: ["."]
                  ports: [{number: 443, name: tls, protocol: TLS}, {number: 80, name: http, protocol: HTTP}]
                """);
    assertThat(summary(router.route(Request.get("egress/sleep", "gist.github.com", 443), TLS)))
        .isEqualTo(Map.of("gist.github.com", 1.0));
    assertThat(router.route(Request.get("egress/sleep", "api.github.com", 80), TLS))
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.RESET));
    assertThat(router.route(Request.get("egress/sleep", "api.github.com", 8443), TLS))
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.BLOCKED));
    assertThat(router.route(Request.get("bookinfo/ratings-v1", "api.github.com", 443), TLS))
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.BLOCKED));
  }

  @Test
  void aSidecarHandsTheHostToTheEgressGatewayWhichRoutesItOut() {
    Router router =
        bookinfo(
            SLEEP
                + """
                apiVersion: v1
                kind: Service
                metadata: {name: istio-egressgateway, namespace: istio-system}
                spec:
                  selector: {istio: egressgateway}
                  ports: [{name: http2, port: 80, targetPort: 8080}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: istio-egressgateway, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: egressgateway}}
                  template:
                    metadata: {labels: {istio: egressgateway}}
                    spec: {containers: [{name: istio-proxy, image: auto}]}
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: cnn, namespace: egress}
                spec:
                  hosts: [edition.cnn.com]
                  resolution: DNS
                  ports: [{number: 80, name: http, protocol: HTTP}]
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: out, namespace: egress}
                spec:
                  selector: {istio: egressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [edition.cnn.com]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: cnn, namespace: egress}
                spec:
                  hosts: [edition.cnn.com]
                  gateways: [mesh, out]
                  http:
                  - match: [{gateways: [mesh]}]
                    route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, port: {number: 80}}}]
                  - match: [{gateways: [out]}]
                    route: [{destination: {host: edition.cnn.com, port: {number: 80}}}]
                """);
    for (String from : List.of("egress/sleep", "bookinfo/productpage-v1")) {
      assertThat(router.route(Request.get(from, "edition.cnn.com", 80)))
          .singleElement()
          .satisfies(o -> assertThat(o.workload().name()).isEqualTo("edition.cnn.com"))
          .satisfies(o -> assertThat(o.via()).containsExactly("istio-system/istio-egressgateway"));
    }
  }

  private static final String SLOW_RATINGS =
      """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews, namespace: bookinfo}
      spec:
        host: reviews
        subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: ratings, namespace: bookinfo}
      spec:
        hosts: [ratings]
        http:
        - fault: {delay: {fixedDelay: 2s, percentage: {value: 100}}}
          route: [{destination: {host: ratings}}]
      ---
      """;

  @Test
  void latencyTravelsThroughTheCallGraphAndTheRouteTimeoutCutsIt() {
    String reviews =
        virtualService(
            "reviews",
            """
            - route: [{destination: {host: reviews, subset: v2}}]
              timeout: %s
            """);
    Request toReviews = Request.get("bookinfo/productpage-v1", "reviews", 9080);
    assertThat(summary(bookinfo(SLOW_RATINGS + reviews.formatted("10s")).route(toReviews)))
        .isEqualTo(Map.of("reviews-v2+2000ms", 1.0));
    assertThat(bookinfo(SLOW_RATINGS + reviews.formatted("0.5s")).route(toReviews))
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.TIMED_OUT))
        .satisfies(o -> assertThat(o.flag()).isEqualTo("UT"))
        .satisfies(o -> assertThat(o.delayMs()).isEqualTo(500));
  }

  @Test
  void aFaultDelayIsNotCountedAgainstItsOwnRoutesTimeout() {
    String delayedWithTimeout =
        SLOW_RATINGS.replace(
            "route: [{destination: {host: ratings}}]",
            "route: [{destination: {host: ratings}}]\n    timeout: 0.5s");
    assertThat(
            summary(
                bookinfo(delayedWithTimeout)
                    .route(Request.get("bookinfo/reviews-v2", "ratings", 9080))))
        .isEqualTo(Map.of("ratings-v1+2000ms", 1.0));
  }

  @Test
  void retriesFollowTheirConditionsAndPerTryTimeouts() {
    String details =
        virtualService(
            "details",
            """
            - route: [{destination: {host: details}}]
              retries: {attempts: 3, perTryTimeout: 1s, retryOn: %s}
            """);
    Request toDetails = Request.get("bookinfo/productpage-v1", "details", 9080);
    Traffic failsTwice = new Traffic(false, 1, new Traffic.Upstream(2, "500", 0), null);
    assertThat(summary(bookinfo(details.formatted("5xx")).route(toDetails, failsTwice)))
        .isEqualTo(Map.of("details-v1", 1.0));
    assertThat(summary(bookinfo(details.formatted("gateway-error")).route(toDetails, failsTwice)))
        .isEqualTo(Map.of("500", 1.0));
    assertThat(summary(bookinfo("").route(toDetails, failsTwice))).isEqualTo(Map.of("500", 1.0));
    Traffic slow = new Traffic(false, 1, new Traffic.Upstream(0, null, 1500), null);
    assertThat(summary(bookinfo(details.formatted("5xx")).route(toDetails, slow)))
        .isEqualTo(Map.of("504+4000ms", 1.0));
  }

  private static final String HTTPBIN_POLICY =
      """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: details, namespace: bookinfo}
      spec:
        host: details
        trafficPolicy:
          connectionPool: {tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1}}
          outlierDetection: {consecutive5xxErrors: 1, baseEjectionTime: 1m%s}
      """;

  @Test
  void aFullPoolOverflowsWithUo() {
    Router router = bookinfo(HTTPBIN_POLICY.formatted(""));
    Request toDetails = Request.get("bookinfo/productpage-v1", "details", 9080);
    assertThat(summary(router.route(toDetails, new Traffic(false, 2, null, null))))
        .isEqualTo(Map.of("details-v1", 1.0));
    List<Outcome> three = router.route(toDetails, new Traffic(false, 3, null, null));
    assertThat(summary(three)).isEqualTo(Map.of("503", 0.3333, "details-v1", 0.6667));
    assertThat(three).anySatisfy(o -> assertThat(o.flag()).isEqualTo("UO"));
  }

  @Test
  void outlierDetectionEjectsAtLeastOnePodAndAtMostItsPercentage() {
    Request toDetails = Request.get("bookinfo/productpage-v1", "details", 9080);
    Traffic justFailed = new Traffic(false, 1, null, new Traffic.PastErrors(500, 1, 0));
    Traffic longAgo = new Traffic(false, 1, null, new Traffic.PastErrors(500, 1, 60_000));
    Router router = bookinfo(HTTPBIN_POLICY.formatted(""));
    assertThat(router.route(toDetails, justFailed))
        .singleElement()
        .satisfies(o -> assertThat(o.flag()).isEqualTo("UH"));
    assertThat(summary(router.route(toDetails, longAgo))).isEqualTo(Map.of("details-v1", 1.0));
    Router reviewsPolicy =
        bookinfo(
            HTTPBIN_POLICY
                .formatted("")
                .replace("details", "reviews")
                .replace("1m", "1m, maxEjectionPercent: 50"));
    assertThat(
            summary(
                reviewsPolicy.route(
                    Request.get("bookinfo/productpage-v1", "reviews", 9080), justFailed)))
        .hasSize(2);
  }

  @Test
  void mirroredCopiesGoToTheMirrorAndDoNotChangeTheAnswer() {
    Router router =
        bookinfo(
            SLOW_RATINGS
                + virtualService(
                    "reviews",
                    """
                    - route: [{destination: {host: reviews, subset: v1}}]
                      mirror: {host: reviews, subset: v2}
                      mirrorPercentage: {value: 40}
                    """));
    assertThat(router.route(Request.get("bookinfo/productpage-v1", "reviews", 9080)))
        .singleElement()
        .satisfies(o -> assertThat(o.workload().name()).isEqualTo("reviews-v1"))
        .satisfies(o -> assertThat(o.delayMs()).isZero())
        .satisfies(
            o ->
                assertThat(o.mirrors())
                    .singleElement()
                    .satisfies(m -> assertThat(m.workload().name()).isEqualTo("reviews-v2"))
                    .satisfies(m -> assertThat(m.share()).isEqualTo(0.4)));
  }
}

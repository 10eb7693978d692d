package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ObservabilityTest {

  @Test
  void workloadOverNamespaceOverRootWithTheDefaultBelow() {
    Mesh none = mesh("bookinfo", "");
    Observability o0 = new Observability(none);
    assertThat(o0.samplingPercent(none.workload("bookinfo/reviews-v1").orElseThrow()))
        .isEqualTo(Observability.DEFAULT_SAMPLING_PERCENT);
    Mesh mesh =
        mesh(
            "bookinfo",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: sleep, namespace: default}
            spec:
              selector: {matchLabels: {app: sleep}}
              template:
                metadata: {labels: {app: sleep}}
                spec: {containers: [{name: sleep, image: curlimages/curl}]}
            ---
            apiVersion: telemetry.istio.io/v1alpha1
            kind: Telemetry
            metadata: {name: mesh-default, namespace: istio-system}
            spec:
              tracing: [{randomSamplingPercentage: 5}]
            ---
            apiVersion: telemetry.istio.io/v1alpha1
            kind: Telemetry
            metadata: {name: bookinfo, namespace: bookinfo}
            spec:
              tracing: [{randomSamplingPercentage: 20}]
            ---
            apiVersion: telemetry.istio.io/v1alpha1
            kind: Telemetry
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              selector: {matchLabels: {app: reviews}}
              tracing: [{randomSamplingPercentage: 100}]
            ---
            apiVersion: telemetry.istio.io/v1alpha1
            kind: Telemetry
            metadata: {name: ignored, namespace: istio-system}
            spec:
              selector: {matchLabels: {app: ratings}}
              tracing: [{randomSamplingPercentage: 50}]
            """);
    Observability o = new Observability(mesh);
    assertThat(o.samplingPercent(mesh.workload("bookinfo/reviews-v2").orElseThrow()))
        .isEqualTo(100);
    assertThat(o.samplingPercent(mesh.workload("bookinfo/ratings-v1").orElseThrow())).isEqualTo(20);
    assertThat(o.samplingPercent(mesh.workload("default/sleep").orElseThrow())).isEqualTo(5);
  }

  private static final String ACCESS_LOGS =
      """
      apiVersion: telemetry.istio.io/v1
      kind: Telemetry
      metadata: {name: errors-only, namespace: bookinfo}
      spec:
        accessLogging:
        - providers: [{name: envoy}]
          filter: {expression: "response.code >= 500"}
      ---
      apiVersion: telemetry.istio.io/v1
      kind: Telemetry
      metadata: {name: productpage-all, namespace: bookinfo}
      spec:
        selector: {matchLabels: {app: productpage}}
        accessLogging: [{}]
      ---
      apiVersion: telemetry.istio.io/v1
      kind: Telemetry
      metadata: {name: ratings-off, namespace: bookinfo}
      spec:
        selector: {matchLabels: {app: ratings}}
        accessLogging: [{disabled: true}]
      """;

  @Test
  void accessLogsFollowWorkloadOverNamespaceFiltersAndDisabled() {
    Mesh mesh = mesh("bookinfo", ACCESS_LOGS);
    AccessLogPolicy logs = new AccessLogPolicy(mesh);
    Workload productpage = mesh.workload("bookinfo/productpage-v1").orElseThrow();
    Workload reviews = mesh.workload("bookinfo/reviews-v1").orElseThrow();
    Workload ratings = mesh.workload("bookinfo/ratings-v1").orElseThrow();
    Request req = Request.get("bookinfo/productpage-v1", "reviews", 9080);
    assertThat(logs.logs(productpage, AccessLogPolicy.Side.CLIENT, req, 200, "-")).isTrue();
    assertThat(logs.logs(reviews, AccessLogPolicy.Side.SERVER, req, 200, "-")).isFalse();
    assertThat(logs.logs(reviews, AccessLogPolicy.Side.SERVER, req, 503, "UH")).isTrue();
    assertThat(logs.logs(ratings, AccessLogPolicy.Side.SERVER, req, 503, "UH")).isFalse();
    // The router's outcome decides who logs: productpage (all) as client; reviews only errors.
    Router router = new Router(mesh);
    Outcome ok = router.route(req).get(0);
    assertThat(logs.loggedBy(req, ok)).containsExactly("bookinfo/productpage-v1");
    Request missing = Request.get("bookinfo/reviews-v1", "ratings", 9080).withHeader("x", "y");
    Outcome reached = router.route(missing).get(0);
    assertThat(logs.loggedBy(missing, reached)).isEmpty();
  }

  @Test
  void meshConfigAccessLogFileLogsEveryProxyNoTelemetryAccessLoggingReaches() throws Exception {
    Mesh mesh =
        mesh(
            "bookinfo",
            java.nio.file.Files.readString(
                java.nio.file.Path.of(
                    "grader/src/test/resources/observability/mesh-config-access-logs.yaml")));
    Request req = Request.get("bookinfo/productpage-v1", "reviews", 9080);
    Outcome ok = new Router(mesh).route(req).get(0);
    assertThat(new AccessLogPolicy(mesh).loggedBy(req, ok))
        .containsExactly("bookinfo/productpage-v1");
  }

  @Test
  void noTelemetryMeansNoAccessLogsAndABrokenFilterLogsNothing() {
    Mesh none = mesh("bookinfo", "");
    Request req = Request.get("bookinfo/productpage-v1", "reviews", 9080);
    Outcome ok = new Router(none).route(req).get(0);
    assertThat(new AccessLogPolicy(none).loggedBy(req, ok)).isEmpty();
    Mesh broken =
        mesh(
            "bookinfo",
            """
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: {name: mesh, namespace: istio-system}
            spec:
              accessLogging: [{filter: {expression: "response.code >>= 500"}}]
            ---
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: {name: other-provider, namespace: bookinfo}
            spec:
              accessLogging: [{providers: [{name: otel}]}]
            """);
    AccessLogPolicy logs = new AccessLogPolicy(broken);
    Workload sleepLike = broken.workload("istio-system/istio-ingressgateway").orElseThrow();
    assertThat(logs.logs(sleepLike, AccessLogPolicy.Side.CLIENT, req, 500, "-")).isFalse();
    assertThat(
            logs.logs(
                broken.workload("bookinfo/details-v1").orElseThrow(),
                AccessLogPolicy.Side.SERVER,
                req,
                500,
                "-"))
        .isFalse();
  }

  private static final String PRODUCTPAGE_SIDECAR =
      """
      apiVersion: networking.istio.io/v1
      kind: Sidecar
      metadata: {name: productpage, namespace: bookinfo}
      spec:
        workloadSelector: {labels: {app: productpage}}
        egress:
        - hosts: ["./details.bookinfo.svc.cluster.local", "./reviews.bookinfo.svc.cluster.local", "istio-system/*"]
      """;

  @Test
  void configSizeCountsEveryVisibleServicePortSubsetAndTheFixedClusters() {
    Mesh mesh = mesh("bookinfo", "");
    ProxyConfigSize.Size size =
        new ProxyConfigSize(mesh).of(mesh.workload("bookinfo/productpage-v1").orElseThrow());
    // 4 bookinfo services + istiod (4 ports) + ingress gateway (3 ports) + prometheus, one
    // inbound, 7 fixed.
    assertThat(size.clusters()).hasSize(4 + 4 + 3 + 1 + 1 + ProxyConfigSize.FIXED.size());
    assertThat(size.clusters())
        .contains(
            "outbound|9080||reviews.bookinfo.svc.cluster.local",
            "inbound|9080||",
            "BlackHoleCluster");
    // HTTP ports only: 4 bookinfo, grpc-xds and http-monitoring, the gateway's http2, prometheus.
    assertThat(size.routes()).isEqualTo(8);

    Mesh scoped = mesh("bookinfo", PRODUCTPAGE_SIDECAR + "---\n" + Fixtures.REVIEWS_SUBSETS);
    ProxyConfigSize sizes = new ProxyConfigSize(scoped);
    ProxyConfigSize.Size small = sizes.of(scoped.workload("bookinfo/productpage-v1").orElseThrow());
    // details, reviews and its two subsets, istio-system's 8 ports, one inbound, 7 fixed.
    assertThat(small.clusters()).hasSize(1 + 3 + 8 + 1 + ProxyConfigSize.FIXED.size());
    assertThat(small.clusters()).contains("outbound|9080|v2|reviews.bookinfo.svc.cluster.local");
    assertThat(small.clusters()).noneMatch(c -> c.contains("ratings"));
    // Another workload of the namespace keeps the full view.
    assertThat(sizes.of(scoped.workload("bookinfo/details-v1").orElseThrow()).clusters())
        .anyMatch(c -> c.contains("ratings"));
  }

  @Test
  void aHostOutsideTheSidecarEgressPassesThroughOrIsBlackHoled() {
    String reviewsV1 =
        """
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ratings, namespace: bookinfo}
        spec:
          host: ratings
          subsets: [{name: v1, labels: {version: v1}}]
        """;
    Mesh allowAny = mesh("bookinfo", PRODUCTPAGE_SIDECAR + reviewsV1);
    Request toRatings = Request.get("bookinfo/productpage-v1", "ratings", 9080);
    Outcome passthrough = new Router(allowAny).route(toRatings).get(0);
    assertThat(passthrough.kind()).isEqualTo(Outcome.Kind.REACHED);
    assertThat(String.join(" ", passthrough.trace())).contains("PassthroughCluster");

    Mesh registryOnly =
        mesh(
            "bookinfo",
            PRODUCTPAGE_SIDECAR.replace(
                    "  egress:", "  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n  egress:")
                + reviewsV1);
    Outcome blackHole = new Router(registryOnly).route(toRatings).get(0);
    assertThat(blackHole.status()).isEqualTo(502);
    assertThat(String.join(" ", blackHole.trace())).contains("BlackHoleCluster");
    // Hosts in the egress route as before.
    assertThat(
            new Router(registryOnly).route(Request.get("bookinfo/productpage-v1", "reviews", 9080)))
        .allMatch(o -> o.kind() == Outcome.Kind.REACHED);
  }

  @Test
  void metricOverridesRemoveTagsAndDisableMetricsPerProxyAndSide() {
    Mesh mesh =
        mesh(
            "bookinfo",
            """
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: {name: mesh-default, namespace: istio-system}
            spec:
              metrics:
              - providers: [{name: prometheus}]
                overrides:
                - match: {metric: REQUEST_COUNT}
                  tagOverrides: {request_protocol: {operation: REMOVE}}
            ---
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: {name: ratings, namespace: bookinfo}
            spec:
              selector: {matchLabels: {app: ratings}}
              metrics:
              - overrides:
                - match: {metric: REQUEST_SIZE, mode: SERVER}
                  disabled: true
            """);
    MetricsPolicy metrics = new MetricsPolicy(mesh);
    Workload ratings = mesh.workload("bookinfo/ratings-v1").orElseThrow();
    Workload details = mesh.workload("bookinfo/details-v1").orElseThrow();
    var server = AccessLogPolicy.Side.SERVER;
    assertThat(metrics.reported(details, "REQUEST_COUNT", server).tags())
        .doesNotContain("request_protocol")
        .contains("response_code");
    assertThat(metrics.reported(details, "REQUEST_DURATION", server).tags())
        .contains("request_protocol");
    assertThat(metrics.reported(ratings, "REQUEST_SIZE", server).enabled()).isFalse();
    assertThat(metrics.reported(ratings, "REQUEST_SIZE", AccessLogPolicy.Side.CLIENT).enabled())
        .isTrue();
    assertThat(metrics.reported(details, "REQUEST_SIZE", server).enabled()).isTrue();
    // The root's tag removal still holds for ratings: levels merge.
    assertThat(metrics.reported(ratings, "REQUEST_COUNT", server).tags())
        .doesNotContain("request_protocol");
  }
}

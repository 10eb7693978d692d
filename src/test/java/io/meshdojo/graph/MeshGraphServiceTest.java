package io.meshdojo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.metrics.SandboxMetrics.RequestSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The proxies' istio_requests_total reports become Kiali-like edges: client workload → service →
 * answering workload, each request counted once.
 */
class MeshGraphServiceTest {

  private static final Instant AT = Instant.parse("2026-12-07T01:00:00Z");
  private static final String REVIEWS = "reviews.bookinfo.svc.cluster.local";
  private static final Map<String, Set<String>> COUNTED =
      Map.of("istio_requests_total", Set.of("reporter", "response_code"));

  /** One report of a request from {@code source} (ns/name) to {@code service}. */
  private static RequestSample report(
      String reporter,
      String source,
      String service,
      String destination,
      int status,
      String security) {
    Map<String, String> l = new LinkedHashMap<>();
    String[] from = source.split("/");
    l.put("reporter", reporter);
    l.put("source_workload_namespace", from[0]);
    l.put("source_workload", from[1]);
    l.put("source_version", from[1].endsWith("-v1") ? "v1" : "unknown");
    l.put("destination_service", service);
    String[] to =
        destination == null ? new String[] {"unknown", "unknown"} : destination.split("/");
    l.put("destination_workload_namespace", to[0]);
    l.put("destination_workload", to[1]);
    l.put("destination_version", to[1].replaceFirst(".*-(v\\d)$", "$1"));
    l.put("response_code", String.valueOf(status));
    l.put("connection_security_policy", security);
    String pod = (reporter.equals("source") ? from[1] : to[1]) + "-6d8f-x2x9q";
    return new RequestSample(
        AT, reporter, reporter.equals("source") ? from[0] : to[0], pod, l, 1, 0, 0, COUNTED);
  }

  /** A request from productpage to reviews as both proxies report it. */
  private static List<RequestSample> reviews(String version, int status, boolean mtls) {
    String to = "bookinfo/reviews-" + version;
    return List.of(
        report("source", "bookinfo/productpage-v1", REVIEWS, to, status, "unknown"),
        report(
            "destination",
            "bookinfo/productpage-v1",
            REVIEWS,
            to,
            status,
            mtls ? "mutual_tls" : "none"));
  }

  @Test
  void requestsAreCountedPerEdgeWithRateErrorsAndMutualTls() {
    List<RequestSample> sent = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sent.addAll(reviews("v1", 200, true));
    }
    sent.addAll(reviews("v2", 200, false));
    sent.addAll(reviews("v2", 500, true));
    MeshGraph graph = MeshGraphService.of(sent, Duration.ofMinutes(1));

    assertThat(graph.simulated()).isTrue();
    assertThat(graph.windowSeconds()).isEqualTo(60);
    assertThat(graph.nodes())
        .extracting(MeshGraph.Node::id)
        .containsExactly(
            "workload:bookinfo/productpage-v1",
            "service:" + REVIEWS,
            "workload:bookinfo/reviews-v1",
            "workload:bookinfo/reviews-v2");
    assertThat(graph.nodes().get(1))
        .isEqualTo(
            new MeshGraph.Node("service:" + REVIEWS, "service", "bookinfo", "reviews", null));

    MeshGraph.Edge toService = graph.edges().get(0);
    assertThat(toService.source()).isEqualTo("workload:bookinfo/productpage-v1");
    assertThat(toService.requests()).isEqualTo(8);
    assertThat(toService.perSecond()).isEqualTo(0.133);
    assertThat(toService.errors()).isEqualTo(1);
    assertThat(toService.errorShare()).isEqualTo(0.125);
    assertThat(toService.mtlsShare()).isEqualTo(0.875);

    MeshGraph.Edge v1 = graph.edges().get(1);
    assertThat(v1.target()).isEqualTo("workload:bookinfo/reviews-v1");
    assertThat(v1.requests()).isEqualTo(6);
    assertThat(v1.errors()).isZero();
    assertThat(v1.mtlsShare()).isEqualTo(1.0);

    MeshGraph.Edge v2 = graph.edges().get(2);
    assertThat(v2.requests()).isEqualTo(2);
    assertThat(v2.errorShare()).isEqualTo(0.5);
    assertThat(v2.mtlsShare()).isEqualTo(0.5);
  }

  @Test
  void whatOnlyTheServerReportedCountsOnceAndWhatNoProxyCountedIsNotDrawn() {
    List<RequestSample> sent = new ArrayList<>(reviews("v1", 200, true));
    // A mirrored copy: v2's proxy reports it, productpage's does not.
    sent.add(
        report(
            "destination",
            "bookinfo/productpage-v1",
            REVIEWS,
            "bookinfo/reviews-v2",
            200,
            "mutual_tls"));
    // A client without a sidecar: only the server's proxy reports, over plain text.
    sent.add(report("destination", "legacy/curl", REVIEWS, "bookinfo/reviews-v1", 200, "none"));
    // A report Telemetry keeps out of istio_requests_total draws nothing.
    RequestSample durationOnly = report("source", "bookinfo/sleep", REVIEWS, null, 200, "unknown");
    sent.add(
        new RequestSample(
            AT,
            "source",
            "bookinfo",
            "sleep-1",
            durationOnly.labels(),
            1,
            0,
            0,
            Map.of("istio_request_duration_milliseconds", Set.of("reporter"))));
    MeshGraph graph = MeshGraphService.of(sent, Duration.ofMinutes(1));

    assertThat(graph.edges())
        .extracting(
            e -> e.source() + " > " + e.target() + " = " + e.requests() + "/" + e.mtlsShare())
        .containsExactly(
            "workload:bookinfo/productpage-v1 > service:" + REVIEWS + " = 2/1.0",
            "service:" + REVIEWS + " > workload:bookinfo/reviews-v1 = 2/0.5",
            "service:" + REVIEWS + " > workload:bookinfo/reviews-v2 = 1/1.0",
            "workload:legacy/curl > service:" + REVIEWS + " = 1/0.0");
    assertThat(graph.nodes())
        .extracting(MeshGraph.Node::id)
        .doesNotContain("workload:bookinfo/sleep");
  }

  @Test
  void aRequestNoWorkloadAnsweredEndsAtItsServiceAndAnExternalHostKeepsItsName() {
    RequestSample noRoute = report("source", "bookinfo/sleep", REVIEWS, null, 404, "unknown");
    RequestSample external =
        report("source", "bookinfo/sleep", "api.legacy.internal", null, 502, "unknown");
    MeshGraph graph = MeshGraphService.of(List.of(noRoute, external), Duration.ofMinutes(5));

    assertThat(graph.edges())
        .extracting(MeshGraph.Edge::target)
        .containsExactly("service:" + REVIEWS, "service:api.legacy.internal");
    assertThat(graph.edges()).allSatisfy(e -> assertThat(e.errorShare()).isEqualTo(1.0));
    assertThat(graph.nodes())
        .filteredOn(n -> n.id().equals("service:api.legacy.internal"))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.name()).isEqualTo("api.legacy.internal");
              assertThat(n.namespace()).isNull();
            });
  }

  @Test
  void noRequestsMakeAnEmptyGraph() {
    MeshGraph graph = MeshGraphService.of(List.of(), Duration.ofMinutes(5));
    assertThat(graph.nodes()).isEmpty();
    assertThat(graph.edges()).isEmpty();
    assertThat(graph.windowSeconds()).isEqualTo(300);
  }
}

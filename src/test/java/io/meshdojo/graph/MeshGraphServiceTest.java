package io.meshdojo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.dataplane.SentRequests.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests become Kiali-like edges: client workload → service → answering workload. */
class MeshGraphServiceTest {

  private static final Instant AT = Instant.parse("2026-12-07T01:00:00Z");
  private static final String REVIEWS = "reviews.bookinfo.svc.cluster.local";

  private static Sent reviews(String version, int status, boolean mtls) {
    return new Sent(
        AT,
        "bookinfo/productpage-v1",
        "v1",
        REVIEWS,
        "bookinfo/reviews-" + version,
        version,
        status,
        status == 200 ? "-" : "FI",
        mtls);
  }

  @Test
  void requestsAreCountedPerEdgeWithRateErrorsAndMutualTls() {
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sent.add(reviews("v1", 200, true));
    }
    sent.add(reviews("v2", 200, false));
    sent.add(reviews("v2", 500, true));
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
  void aRequestNoWorkloadAnsweredEndsAtItsServiceAndAnExternalHostKeepsItsName() {
    Sent noRoute = new Sent(AT, "bookinfo/sleep", null, REVIEWS, null, null, 404, "NR", false);
    Sent external =
        new Sent(AT, "bookinfo/sleep", null, "api.legacy.internal", null, null, 0, "UF", false);
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

package io.meshdojo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Observed answers are grouped the way the grader groups simulated outcomes. */
class ObservedTrafficTest {

  private static final Map<String, Map<String, String>> PODS =
      Map.of(
          "reviews-v1-5c7f8d-abcde", Map.of("app", "reviews", "version", "v1"),
          "reviews-v3-7d4b9c-x2x7k", Map.of("app", "reviews", "version", "v3"));

  @Test
  void answersAreGroupedByTheShareLabelOfThePodThatAnswered() {
    String output =
        "MDJ 200 reviews-v1-5c7f8d-abcde\n".repeat(8)
            + "MDJ 200 reviews-v3-7d4b9c-x2x7k\n".repeat(2)
            + "Defaulted container \"productpage\" out of: productpage, istio-proxy\n";
    ObservedTraffic t =
        ObservedTraffic.of(
            "p", ProbeOutput.parse(output), PODS, "version", Map.of("v1", 0.8, "v3", 0.2));
    assertThat(t.requests()).isEqualTo(10);
    assertThat(t.shares())
        .containsExactly(
            new ObservedTraffic.Observed("v1", "reached", 8, 0.8),
            new ObservedTraffic.Observed("v3", "reached", 2, 0.2));
    assertThat(t.skipped()).isNull();
  }

  @Test
  void errorsGoByStatusUnattributedAnswersByStatusAndUnknownPodsByWorkload() {
    String output =
        "MDJ 503 -\nMDJ 000 -\nMDJ 200 -\nMDJ 200 ratings-v1-6b9f8c-q8w2e\nMDJ 200 garbage extra\n";
    ObservedTraffic t =
        ObservedTraffic.of("p", ProbeOutput.parse(output), PODS, "version", Map.of());
    assertThat(t.requests()).isEqualTo(4);
    assertThat(t.shares())
        .containsExactly(
            new ObservedTraffic.Observed("200", "reached", 1, 0.25),
            new ObservedTraffic.Observed("ratings-v1", "reached", 1, 0.25),
            new ObservedTraffic.Observed("000", "reset", 1, 0.25),
            new ObservedTraffic.Observed("503", "failed", 1, 0.25));
  }

  @Test
  void aSourceWithoutClientIsReportedAsSkipped() {
    ObservedTraffic t =
        ObservedTraffic.of("p", ProbeOutput.parse("MDJ-NO-CLIENT\n"), PODS, "version", Map.of());
    assertThat(t.skipped()).isEqualTo("no_client");
    assertThat(t.shares()).isEmpty();
    assertThat(t.toJsonMap())
        .containsEntry("skipped", "no_client")
        .containsEntry("shares", List.of());
  }
}

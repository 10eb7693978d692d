package io.meshdojo.grader.objectives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.api.ProbeTraffic;
import io.meshdojo.grader.api.Submission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The traffic each behaviour objective reports is what the mesh model computed for its probes. */
class TrafficPictureTest {

  private static final Grader GRADER = Grader.fromDirectory(java.nio.file.Path.of("labs"));

  private static GradeResult solved(String lab) {
    List<Submission> files = new ArrayList<>();
    GRADER.lab(lab).orElseThrow().solution().forEach((n, t) -> files.add(new Submission(n, t)));
    return GRADER.grade(lab, files, "en");
  }

  private static GradeResult.ObjectiveResult objective(GradeResult r, String id) {
    return r.objectives().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
  }

  private static double share(ProbeTraffic t, String label) {
    return t.shares().stream()
        .filter(s -> s.label().equals(label))
        .mapToDouble(ProbeTraffic.Share::share)
        .sum();
  }

  @Test
  void theTrafficShiftingSolutionSplitsEveryProbe80To20() {
    GradeResult.ObjectiveResult split = objective(solved("traffic-shifting"), "split-80-20");
    assertThat(split.traffic()).hasSize(4);
    for (ProbeTraffic t : split.traffic()) {
      assertThat(t.shares()).extracting(ProbeTraffic.Share::label).containsExactly("v1", "v3");
      assertThat(share(t, "v1")).isCloseTo(0.8, within(1e-9));
      assertThat(share(t, "v3")).isCloseTo(0.2, within(1e-9));
      assertThat(t.shares()).allMatch(s -> s.outcome().equals("reached"));
      assertThat(t.expected()).isEqualTo(Map.of("v1", 0.8, "v3", 0.2));
    }
    assertThat(split.traffic().get(1).probe())
        .isEqualTo("bookinfo/productpage-v1 → reviews:9080 GET /reviews/0 · end-user: jason");
    assertThat(split.traffic().get(2).probe())
        .isEqualTo("bookinfo/productpage-v1 → reviews:9080 POST /health");
  }

  @Test
  void objectivesWithoutSharesAreGroupedByVersionToo() {
    GradeResult.ObjectiveResult reach =
        objective(solved("traffic-shifting"), "every-request-reaches-reviews");
    assertThat(reach.traffic().get(0).shares())
        .extracting(ProbeTraffic.Share::label)
        .containsExactly("v1", "v3");
    assertThat(reach.traffic().get(0).expected()).isEmpty();
  }

  @Test
  void requestRoutingSendsJasonEntirelyToV2() {
    GradeResult r = solved("request-routing");
    for (ProbeTraffic t : objective(r, "jason-reaches-v2").traffic()) {
      assertThat(t.shares()).containsExactly(new ProbeTraffic.Share("v2", "reached", 1.0));
    }
    for (ProbeTraffic t : objective(r, "everyone-else-reaches-v1").traffic()) {
      assertThat(t.shares()).containsExactly(new ProbeTraffic.Share("v1", "reached", 1.0));
    }
    assertThat(objective(r, "no-errors").traffic()).isEmpty();
  }

  @Test
  void anEmptySubmissionShowsTheBaselineSpread() {
    GradeResult r = GRADER.grade("traffic-shifting", List.of(), "en");
    ProbeTraffic first = objective(r, "split-80-20").traffic().get(0);
    assertThat(first.shares())
        .extracting(ProbeTraffic.Share::label)
        .containsExactly("v1", "v2", "v3");
    for (String v : List.of("v1", "v2", "v3")) {
      assertThat(share(first, v)).isCloseTo(1.0 / 3, within(1e-9));
    }
  }

  @Test
  void failuresAreGroupedByStatusAndDelaysShown() {
    ProbeTraffic plaintext = objective(solved("mtls-strict"), "plaintext-refused").traffic().get(0);
    assertThat(plaintext.shares()).containsExactly(new ProbeTraffic.Share("503", "reset", 1.0));

    ProbeTraffic jason = objective(solved("fault-injection"), "jason-delayed-7s").traffic().get(0);
    assertThat(jason.shares())
        .extracting(ProbeTraffic.Share::label)
        .containsExactly("v1 (+7000 ms)");
  }

  @Test
  void theJsonCarriesTheTrafficOfEachObjective() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objectives =
        (List<Map<String, Object>>) solved("traffic-shifting").toJsonMap().get("objectives");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> traffic =
        (List<Map<String, Object>>) objectives.get(0).get("traffic");
    assertThat(traffic.get(0))
        .containsEntry("probe", "bookinfo/productpage-v1 → reviews:9080 GET /reviews/0")
        .containsEntry("expected", new java.util.TreeMap<>(Map.of("v1", 0.8, "v3", 0.2)))
        .containsEntry(
            "shares",
            List.of(
                Map.of("label", "v1", "outcome", "reached", "share", 0.8),
                Map.of("label", "v3", "outcome", "reached", "share", 0.2)));
    assertThat(objectives.get(2).get("traffic")).isEqualTo(List.of());
  }
}

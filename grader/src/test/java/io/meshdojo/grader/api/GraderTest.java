package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraderTest {

  private static final Grader GRADER = Grader.fromDirectory(Path.of("labs"));

  private static GradeResult grade(String lab, String yaml, String lang) {
    return GRADER.grade(lab, List.of(new Submission("submission.yaml", yaml)), lang);
  }

  @Test
  void oneProblemMetTwiceIsReportedOnce() {
    // Both routes name the same missing subset: one finding, not one per route.
    String yaml =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - match: [{headers: {end-user: {exact: jason}}}]
            route: [{destination: {host: reviews, subset: v9}}]
          - route: [{destination: {host: reviews, subset: v9}}]
        """;
    GradeResult result = grade("request-routing", yaml, "en");
    assertThat(result.findings())
        .filteredOn(f -> f.code().equals("MDJ0202"))
        .hasSize(1)
        .first()
        .extracting(GradeResult.FindingResult::message)
        .asString()
        .contains("v9");
    assertThat(result.findings()).doesNotHaveDuplicates();
  }

  @Test
  void aFailedObjectiveSaysWhatWasExpectedAndWhatHappens() {
    GradeResult en = grade("request-routing", "", "en");
    GradeResult.ObjectiveResult jason = en.objectives().get(0);
    assertThat(jason.passed()).isFalse();
    assertThat(jason.expected())
        .isEqualTo(
            "In-mesh requests to reviews whose end-user header is exactly jason reach reviews v2,"
                + " whatever the method, path or calling workload.");
    assertThat(jason.message()).contains("reach reviews v1 (33.3%)");
    GradeResult.ObjectiveResult zh = grade("request-routing", "", "zh").objectives().get(0);
    assertThat(zh.expected()).startsWith("网格内发往 reviews");
    assertThat(zh.message()).contains("到达 reviews v1");
  }

  @Test
  void aWrongUserIsExplainedInBothLanguages() {
    String yaml =
        Fixtures.REVIEWS_SUBSETS
            + "---\n"
            + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - match: [{headers: {end-user: {prefix: jas}}}]
            route: [{destination: {host: reviews, subset: v2}}]
          - route: [{destination: {host: reviews, subset: v1}}]
        """;
    GradeResult en = grade("request-routing", yaml, "en");
    assertThat(en.passed()).isFalse();
    GradeResult.ObjectiveResult others =
        en.objectives().stream()
            .filter(o -> o.id().equals("everyone-else-reaches-v1"))
            .findFirst()
            .orElseThrow();
    assertThat(others.passed()).isFalse();
    assertThat(others.message())
        .isEqualTo(
            "GET requests from bookinfo/productpage-v1 to reviews:9080/reviews/0 with end-user=jasmine reach reviews v2.");
    assertThat(en.score()).isEqualTo(6);
    assertThat(en.maxScore()).isEqualTo(10);
    GradeResult zh = grade("request-routing", yaml, "zh");
    String zhMessage =
        zh.objectives().stream()
            .filter(o -> o.id().equals("everyone-else-reaches-v1"))
            .findFirst()
            .orElseThrow()
            .message();
    assertThat(zhMessage).contains("end-user=jasmine").contains("到达 reviews v2");
  }

  @Test
  void findingsAreRenderedWithLevelAndResource() {
    String yaml =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ratings, namespace: bookinfo}
        spec:
          hosts: [ratings]
          http:
          - match: [{headers: {end-user: {exact: jason}}}]
            fault: {delay: {fixedDelay: 7s}}
            route: [{destination: {host: ratings}}]
          - route: [{destination: {host: ratings}}]
        """;
    GradeResult r = grade("fault-injection", yaml, "en");
    assertThat(r.passed()).isFalse();
    assertThat(r.findings())
        .anySatisfy(
            f -> {
              assertThat(f.code()).isEqualTo("MDJ0301");
              assertThat(f.level()).isEqualTo("error");
              assertThat(f.resource()).isEqualTo("VirtualService bookinfo/ratings");
              assertThat(f.message()).contains("no percentage");
            });
    assertThat(r.objectives().get(0).message())
        .contains("reach ratings v1.")
        .doesNotContain("delay");
  }

  @Test
  void duplicateObjectsInOneSubmissionAreReported() {
    String pa =
        """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: bookinfo}
        spec: {mtls: {mode: PERMISSIVE}}
        ---
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata: {name: default, namespace: bookinfo}
        spec: {mtls: {mode: STRICT}}
        """;
    GradeResult r = grade("mtls-strict", pa, "en");
    assertThat(r.findings()).extracting(GradeResult.FindingResult::code).contains("MDJ0008");
    assertThat(r.passed()).as("the later object wins, as with kubectl apply").isTrue();
  }

  @Test
  void unreadableInputIsFlagged() {
    GradeResult r = grade("mtls-strict", "a: [", "en");
    assertThat(r.unreadableInput()).isTrue();
    assertThat(r.passed()).isFalse();
  }
}

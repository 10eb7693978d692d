package io.meshdojo.grader.objectives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.api.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state, expression, analysis and tracing objectives on a small lab written here. */
class ObjectiveKindsTest {

  private static final String LAB =
      """
      apiVersion: meshdojo.io/v1alpha1
      kind: Lab
      metadata: {name: kinds}
      spec:
        environment: bookinfo
        setup: []
        solution: []
        objectives:
          - id: telemetry-state
            kind: state
            points: 1
            text: {en: "a Telemetry samples 10%", zh: "Telemetry 采样 10%"}
            state:
              kind: Telemetry
              namespace: bookinfo
              match: {spec: {tracing: [{randomSamplingPercentage: 10}]}}
          - id: reviews-sampled
            kind: behaviour
            points: 1
            text: {en: "reviews samples 10%", zh: "reviews 采样 10%"}
            probes:
              - {from: bookinfo/reviews-v1, to: "ratings:9080"}
            expect: {tracingPercent: 10}
          - id: cel
            kind: expression
            points: 1
            text: {en: "some Telemetry", zh: "存在 Telemetry"}
            expression: "resources.exists(r, r.kind == 'Telemetry' && r.spec.tracing[0].randomSamplingPercentage == 10.0)"
          - id: clean
            kind: analysis
            points: 1
            text: {en: "no warnings", zh: "没有警告"}
            analysis: {namespace: bookinfo, level: warning}
      """;

  private static Map<String, Boolean> passed(GradeResult r) {
    return r.objectives().stream()
        .collect(
            Collectors.toMap(GradeResult.ObjectiveResult::id, GradeResult.ObjectiveResult::passed));
  }

  @Test
  void eachKindPassesAndFailsOnItsOwnEvidence(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("kinds"));
    Files.writeString(dir.resolve("kinds/lab.yaml"), LAB);
    Grader grader = Grader.fromDirectories(dir, Path.of("infra", "environments"));
    String good =
        """
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: tracing, namespace: bookinfo}
        spec:
          tracing: [{randomSamplingPercentage: 10}]
        """;
    assertThat(passed(grader.grade("kinds", List.of(new Submission("t.yaml", good)), "en")))
        .containsOnly(
            Map.entry("telemetry-state", true),
            Map.entry("reviews-sampled", true),
            Map.entry("cel", true),
            Map.entry("clean", true));
    String other =
        good.replace("10}", "25}")
            + """
            ---
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: {name: second, namespace: bookinfo}
            spec:
              accessLogging: [{providers: [{name: envoy}]}]
            """;
    GradeResult r = grader.grade("kinds", List.of(new Submission("t.yaml", other)), "zh");
    assertThat(passed(r))
        .containsOnly(
            Map.entry("telemetry-state", false),
            Map.entry("reviews-sampled", false),
            Map.entry("cel", false),
            Map.entry("clean", false));
    assertThat(r.objectives().get(1).message()).contains("25%");
    assertThat(r.objectives().get(3).message()).contains("MDJ0210");
  }

  @Test
  void anObjectiveWithoutItsPartIsRefused() {
    String broken = LAB.replace("expression: \"resources", "expr: \"resources");
    assertThatThrownBy(() -> LabReader.read("kinds", broken, f -> null))
        .hasMessageContaining("cel");
  }

  @Test
  void partialObjectsMatchMapsByKeyAndListsByContainment() {
    Map<String, Object> actual =
        Map.of("a", List.of(Map.of("x", 1, "y", 2), Map.of("x", 3)), "b", "s");
    assertThat(Evaluator.contains(actual, Map.of("a", List.of(Map.of("x", 3))))).isTrue();
    assertThat(Evaluator.contains(actual, Map.of("a", List.of(Map.of("x", 4))))).isFalse();
    assertThat(Evaluator.contains(actual, Map.of("c", "s"))).isFalse();
    assertThat(Evaluator.contains(actual, Map.of("a", List.of(Map.of("x", 1.0))))).isTrue();
  }
}

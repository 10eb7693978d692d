package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the service asks of the grader, through the api only: the answers are the grader's own. */
class ServiceApiTest {

  private static final Grader GRADER = Grader.fromDirectory(Path.of("labs"));
  private static final String LAB = "request-routing";

  @Test
  void aBehaviourObjectivesProbesComeWithTheDefaultsAndTheLinesOfItsGrade() {
    BehaviourProbes probes = GRADER.probes(LAB, "jason-reaches-v2").orElseThrow();
    assertThat(probes.objective()).isEqualTo("jason-reaches-v2");
    assertThat(probes.shareLabel()).isEqualTo("version");
    BehaviourProbes.Probe first = probes.probes().get(0);
    assertThat(first.from()).isEqualTo("bookinfo/productpage-v1");
    assertThat(first.host()).isEqualTo("reviews");
    assertThat(first.port()).isEqualTo(9080);
    assertThat(first.method()).isEqualTo("GET");
    assertThat(first.path()).isEqualTo("/reviews/0");
    assertThat(first.headers()).containsExactly(Map.entry("end-user", "jason"));
    assertThat(first.dubbo()).isFalse();
    GradeResult graded = GRADER.grade(LAB, List.of(), "en");
    List<String> gradedLines =
        graded.objectives().stream()
            .filter(o -> o.id().equals("jason-reaches-v2"))
            .flatMap(o -> o.traffic().stream())
            .map(ProbeTraffic::probe)
            .toList();
    assertThat(probes.probes())
        .extracting(BehaviourProbes.Probe::description)
        .containsExactlyElementsOf(gradedLines)
        .hasSize(3);
  }

  @Test
  void onlyABehaviourObjectiveWithProbesHasProbes() {
    assertThat(GRADER.probes(LAB, "no-errors")).isEmpty();
    assertThat(GRADER.probes(LAB, "no-such-objective")).isEmpty();
    assertThatThrownBy(() -> GRADER.probes("no-such-lab", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void objectsGivenAsMapsAreGradedAsFilesAreAndUnmodelledKindsAreLeftOut() throws Exception {
    List<Submission> landed = new ArrayList<>(GRADER.environments().baselineFiles("bookinfo"));
    GRADER.lab(LAB).orElseThrow().setup().forEach((n, t) -> landed.add(new Submission(n, t)));
    List<Map<String, Object>> unsolved = maps(landed);
    Map<String, Object> limitRange = new LinkedHashMap<>();
    limitRange.put("apiVersion", "v1");
    limitRange.put("kind", "LimitRange");
    limitRange.put("metadata", Map.of("name", "defaults", "namespace", "bookinfo"));
    limitRange.put("spec", Map.of("limits", List.of(Map.of("type", "Container"))));
    unsolved.add(limitRange);
    assertThat(Grader.models("v1", "LimitRange")).isFalse();
    assertThat(Grader.models("networking.istio.io/v1", "VirtualService")).isTrue();

    GradeResult before = GRADER.gradeObjects(LAB, "sandbox", unsolved, "en");
    assertThat(before.passed()).isFalse();
    assertThat(before.findings())
        .extracting(GradeResult.FindingResult::code)
        .doesNotContain("MDJ0004");

    List<Submission> solution = new ArrayList<>();
    GRADER.lab(LAB).orElseThrow().solution().forEach((n, t) -> solution.add(new Submission(n, t)));
    List<Map<String, Object>> solved = new ArrayList<>(unsolved);
    solved.addAll(maps(solution));
    GradeResult after = GRADER.gradeObjects(LAB, "sandbox", solved, "en");
    assertThat(after.passed()).isTrue();
    assertThat(after.score()).isEqualTo(GRADER.grade(LAB, solution, "en").score());
  }

  @Test
  void objectsReadOnceAreGradedAsOftenAsWantedExactlyAsAFreshReadingOfThem() throws Exception {
    for (String lab : GRADER.labIds()) {
      var definition = GRADER.lab(lab).orElseThrow();
      List<Submission> landed =
          new ArrayList<>(GRADER.environments().baselineFiles(definition.environment()));
      definition.setup().forEach((n, t) -> landed.add(new Submission(n, t)));
      definition.solution().forEach((n, t) -> landed.add(new Submission(n, t)));
      List<Map<String, Object>> solved = maps(landed);

      ReadState read = GRADER.read("sandbox", solved);
      assertThat(read.size()).as(lab).isPositive();
      for (String lang : List.of("en", "zh", "en")) {
        // grading the same reading again must not find it changed by the grading before
        assertThat(GRADER.gradeRead(lab, read, List.of(), lang).toJsonMap())
            .as(lab + " " + lang)
            .isEqualTo(GRADER.gradeObjects(lab, "sandbox", solved, lang).toJsonMap());
      }
    }
  }

  @Test
  void admissionRefusesWhatTheWebhookRefusesAndNothingElse() {
    assertThat(Admission.refusals(virtualService(0, 0)))
        .extracting(Admission.Refusal::code)
        .containsExactly("MDJ0101");
    assertThat(Admission.refusals(virtualService(0, 0)).get(0).message()).isNotBlank();
    assertThat(Admission.refusals(virtualService(80, 20))).isEmpty();
    // An unknown field is the schema's to refuse, with kubectl's wording, not the webhook's.
    Map<String, Object> unknownField = virtualService(80, 20);
    unknownField.put("spek", Map.of());
    assertThat(Admission.refusals(unknownField)).isEmpty();
  }

  @Test
  void yamlDocumentsSayWhereEachFieldIsAndRefuseDuplicateKeys() throws Exception {
    List<Yaml.Document> docs = Yaml.documents("a: 1\n---\n---\nb:\n  c: [x, y]\n");
    assertThat(docs).extracting(Yaml.Document::index).containsExactly(0, 1, 2);
    assertThat(docs.get(1).value()).isNull();
    assertThat(docs.get(2).value()).isEqualTo(Map.of("b", Map.of("c", List.of("x", "y"))));
    assertThat(docs.get(2).line()).isEqualTo(4);
    assertThat(docs.get(2).lines()).containsEntry("b.c", 5);
    assertThatThrownBy(() -> Yaml.documents("a: 1\nb: 2\na: 3\n"))
        .isInstanceOfSatisfying(
            Yaml.Unreadable.class,
            e -> {
              assertThat(e.reason()).contains("duplicate key");
              assertThat(e.line()).isEqualTo(3);
            });
  }

  private static List<Map<String, Object>> maps(List<Submission> files) throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Submission file : files) {
      for (Yaml.Document doc : Yaml.documents(file.text())) {
        if (doc.value() instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> object = (Map<String, Object>) m;
          objects.add(object);
        }
      }
    }
    return objects;
  }

  private static Map<String, Object> virtualService(int first, int second) {
    Map<String, Object> vs = new LinkedHashMap<>();
    vs.put("apiVersion", "networking.istio.io/v1");
    vs.put("kind", "VirtualService");
    vs.put("metadata", Map.of("name", "reviews", "namespace", "bookinfo"));
    vs.put(
        "spec",
        Map.of(
            "hosts",
            List.of("reviews"),
            "http",
            List.of(
                Map.of(
                    "route",
                    List.of(
                        Map.of(
                            "destination",
                            Map.of("host", "reviews", "subset", "v1"),
                            "weight",
                            first),
                        Map.of(
                            "destination",
                            Map.of("host", "reviews", "subset", "v2"),
                            "weight",
                            second))))));
    return vs;
  }
}

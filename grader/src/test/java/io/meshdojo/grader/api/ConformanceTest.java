package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.objectives.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs grader/cases/<lab>/<case>/ (submission files plus expected.yaml) for every lab, and proves
 * for every lab that the empty submission fails and the reference solution passes.
 */
class ConformanceTest {

  private static final Path LABS = Path.of("labs");
  private static final Path CASES = Path.of("grader/cases");
  private static final Grader GRADER = Grader.fromDirectory(LABS);

  static List<String> labIds() throws IOException {
    try (Stream<Path> dirs = Files.list(LABS)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("lab.yaml")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  static List<Submission> files(Path dir) throws IOException {
    List<Submission> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.equals("expected.yaml") && (name.endsWith(".yaml") || name.endsWith(".json"))) {
          out.add(new Submission(name, Files.readString(f)));
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> referenceSolutionsPassAndEmptySubmissionsFail() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String id : labIds()) {
      tests.add(
          DynamicTest.dynamicTest(
              id + ": reference solution passes",
              () -> {
                Lab lab = GRADER.lab(id).orElseThrow();
                assertThat(lab.objectives())
                    .as("objectives of " + id)
                    .hasSizeGreaterThanOrEqualTo(2);
                List<Submission> solution = new ArrayList<>();
                lab.solution().forEach((name, text) -> solution.add(new Submission(name, text)));
                GradeResult r = GRADER.grade(id, solution, "en");
                assertThat(r.objectives())
                    .allSatisfy(
                        o -> assertThat(o.passed()).as(o.id() + ": " + o.message()).isTrue());
                assertThat(r.passed()).isTrue();
                assertThat(r.score()).isEqualTo(r.maxScore());
                assertThat(r.findings())
                    .as("findings on the reference solution")
                    .noneMatch(f -> f.level().equals("error"));
              }));
      tests.add(
          DynamicTest.dynamicTest(
              id + ": empty submission fails",
              () -> {
                GradeResult r = GRADER.grade(id, List.of(), "en");
                assertThat(r.passed()).isFalse();
                assertThat(r.score()).isLessThan(r.maxScore());
              }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyLabHasAtLeastSixCasesHalfPassingHalfFailing() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String id : labIds()) {
      tests.add(
          DynamicTest.dynamicTest(
              id,
              () -> {
                Path dir = CASES.resolve(id);
                assertThat(dir).isDirectory();
                int pass = 0;
                int fail = 0;
                try (Stream<Path> cases = Files.list(dir)) {
                  for (Path c : cases.toList()) {
                    if (expected(c).get("passed") == Boolean.TRUE) {
                      pass++;
                    } else {
                      fail++;
                    }
                  }
                }
                assertThat(pass + fail).isGreaterThanOrEqualTo(6);
                assertThat(pass).isGreaterThanOrEqualTo(3);
                assertThat(fail).isGreaterThanOrEqualTo(3);
              }));
    }
    return tests.stream();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> expected(Path caseDir) throws Exception {
    return (Map<String, Object>)
        SafeYaml.parseAll(Files.readString(caseDir.resolve("expected.yaml"))).get(0);
  }

  /**
   * Grades a case's files as they land in a fresh sandbox; a case of a troubleshooting lab may also
   * list {@code deleted: [Kind/namespace/name]}, objects the learner removed (setup ones included),
   * and is then graded as the sandbox's state after that, the way a sandbox is.
   */
  @SuppressWarnings("unchecked")
  private static GradeResult grade(String lab, List<Submission> files, Map<String, Object> want) {
    List<Object> deleted = (List<Object>) want.getOrDefault("deleted", List.of());
    if (deleted.isEmpty()) {
      return GRADER.grade(lab, files, "en");
    }
    List<Finding> findings = new ArrayList<>();
    Map<String, Resource> state = GRADER.landed(lab, files, findings);
    for (Object gone : deleted) {
      assertThat(state.keySet().removeIf(key -> key.endsWith("/" + gone)))
          .as("deleted object " + gone + " exists before the deletion")
          .isTrue();
    }
    return GRADER.gradeState(lab, List.copyOf(state.values()), findings, "en");
  }

  @TestFactory
  @SuppressWarnings("unchecked")
  Stream<DynamicTest> cases() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> labs = Files.list(CASES)) {
      for (Path labDir : labs.sorted().toList()) {
        String lab = labDir.getFileName().toString();
        try (Stream<Path> cases = Files.list(labDir)) {
          for (Path c : cases.sorted().toList()) {
            tests.add(
                DynamicTest.dynamicTest(
                    lab + "/" + c.getFileName(),
                    () -> {
                      Map<String, Object> want = expected(c);
                      boolean passed = Boolean.TRUE.equals(want.get("passed"));
                      assertThat(c.getFileName().toString()).startsWith(passed ? "pass-" : "fail-");
                      GradeResult r = grade(lab, files(c), want);
                      List<String> expectedCodes =
                          ((List<Object>) want.getOrDefault("findings", List.of()))
                              .stream().map(String::valueOf).toList();
                      // Input problems only where the case says so: a typo in a case file
                      // must not pass as a "failing" case.
                      assertThat(r.findings())
                          .as("intake")
                          .noneMatch(
                              f ->
                                  f.code().startsWith("MDJ00")
                                      && !f.code().equals("MDJ0008")
                                      && !expectedCodes.contains(f.code()));
                      String summary =
                          r.objectives().stream()
                              .map(o -> o.id() + "=" + o.passed() + " (" + o.message() + ")")
                              .toList()
                              .toString();
                      assertThat(r.passed()).as(summary).isEqualTo(passed);
                      Map<String, Object> objectives =
                          (Map<String, Object>) want.getOrDefault("objectives", Map.of());
                      for (var e : objectives.entrySet()) {
                        GradeResult.ObjectiveResult o =
                            r.objectives().stream()
                                .filter(x -> x.id().equals(e.getKey()))
                                .findFirst()
                                .orElseThrow(
                                    () -> new AssertionError("no objective " + e.getKey()));
                        assertThat(o.passed())
                            .as(e.getKey() + ": " + o.message())
                            .isEqualTo(e.getValue());
                      }
                      List<Object> codes = (List<Object>) want.getOrDefault("findings", List.of());
                      for (Object code : codes) {
                        assertThat(r.findings())
                            .extracting(GradeResult.FindingResult::code)
                            .as(r.findings().toString())
                            .contains(String.valueOf(code));
                      }
                      if (!passed) {
                        assertThat(r.objectives())
                            .filteredOn(o -> !o.passed())
                            .allSatisfy(o -> assertThat(o.message()).isNotBlank());
                      }
                    }));
          }
        }
      }
    }
    return tests.stream();
  }
}

package io.meshdojo.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.content.ClasspathFolder;
import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.api.Submission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bank lint: every exam's draw is possible, and every task of every pool, for several draws of
 * its parameters, passes with its reference solution, fails empty, and fails with the solution of a
 * draw whose parameters differ; the tasks of one pool never share a namespace.
 */
class ExamBankTest {

  private static final int DRAWS = 6;
  private static List<Exam> exams;
  private static Grader grader;

  @BeforeAll
  static void load() throws Exception {
    exams = new ExamLoader().load(ClasspathFolder.readTree(Path.of("exams")));
    grader = Grader.fromDirectory(Path.of("labs"));
  }

  @Test
  void bothExamsShipWithTheirShape() {
    Exam ica = exam("ica-mock");
    assertThat(ica.pool()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(ica.tasksPerAttempt()).isEqualTo(16);
    assertThat(ica.duration()).isEqualTo(Duration.ofMinutes(120));
    assertThat(ica.passingScore()).isEqualTo(75);
    assertThat(ica.domains())
        .extracting(Exam.Domain::id, Exam.Domain::weight)
        .containsExactly(
            tuple("installation", 20),
            tuple("traffic", 35),
            tuple("security", 25),
            tuple("troubleshooting", 20));
    Exam sprint = exam("istio-sprint");
    assertThat(sprint.tasksPerAttempt()).isEqualTo(5);
    assertThat(sprint.duration()).isEqualTo(Duration.ofMinutes(25));
  }

  @Test
  void theDrawIsStratifiedByDomainAndReproducibleFromItsSeed() {
    Exam ica = exam("ica-mock");
    assertThat(Draw.quota(ica))
        .containsExactly(
            entry("installation", 3),
            entry("traffic", 6),
            entry("security", 4),
            entry("troubleshooting", 3));
    for (long seed = 0; seed < 20; seed++) {
      List<DrawnTask> drawn = Draw.of(ica, seed);
      assertThat(drawn).hasSize(16);
      assertThat(drawn).extracting(d -> d.task().id()).doesNotHaveDuplicates();
      Map<String, Long> perDomain = new HashMap<>();
      drawn.forEach(d -> perDomain.merge(d.task().domain(), 1L, Long::sum));
      assertThat(perDomain)
          .containsOnly(
              entry("installation", 3L),
              entry("traffic", 6L),
              entry("security", 4L),
              entry("troubleshooting", 3L));
      assertThat(Draw.of(ica, seed)).isEqualTo(drawn);
    }
    assertThat(Draw.of(ica, 1)).isNotEqualTo(Draw.of(ica, 2));
  }

  @Test
  void differentSeedsAskForDifferentParameters() {
    ExamTask task = exam("ica-mock").task("header-routing").orElseThrow();
    Set<Map<String, JsonNode>> seen = new HashSet<>();
    for (int seed = 0; seed < 20; seed++) {
      seen.add(drawn(task, seed).parameters());
    }
    assertThat(seen).hasSizeGreaterThan(3);
    DrawnTask one = drawn(task, 0);
    assertThat(one.instructions().en())
        .contains(one.parameters().get("user").asText())
        .doesNotContain("{{");
  }

  private static Exam exam(String id) {
    return exams.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void everyTasksSolutionPassesAndAnEmptyAnswerFailsForSeveralDraws() {
    for (Exam exam : exams) {
      for (ExamTask task : exam.pool()) {
        for (int seed = 0; seed < DRAWS; seed++) {
          DrawnTask drawn = drawn(task, seed);
          GradeResult solved = grade(exam, drawn, drawn);
          assertThat(solved.passed())
              .as("%s %s %s: %s", exam.id(), task.id(), drawn.parameters(), solved)
              .isTrue();
          GradeResult empty = grader.gradeTask(drawn.gradable(exam.environment()), List.of(), "en");
          assertThat(empty.passed()).as("%s %s empty", exam.id(), task.id()).isFalse();
        }
      }
    }
  }

  @Test
  void aSolutionForOneDrawFailsAnotherDrawOfTheTask() {
    for (Exam exam : exams) {
      for (ExamTask task : exam.pool()) {
        DrawnTask a = drawn(task, 0);
        DrawnTask b = a;
        for (int seed = 1; seed < 50 && b.parameters().equals(a.parameters()); seed++) {
          b = drawn(task, seed);
        }
        assertThat(b.parameters()).as(task.id() + " has parameters").isNotEqualTo(a.parameters());
        GradeResult crossed = grade(exam, b, a);
        assertThat(crossed.passed())
            .as("%s: %s's solution under %s", task.id(), a.parameters(), b.parameters())
            .isFalse();
      }
    }
  }

  @Test
  void theTasksOfAPoolNeverShareANamespace() {
    for (Exam exam : exams) {
      Map<String, String> owner = new HashMap<>();
      for (ExamTask task : exam.pool()) {
        Set<String> namespaces = new HashSet<>();
        for (int seed = 0; seed < 30; seed++) {
          DrawnTask drawn = drawn(task, seed);
          List<ObjectNode> all = new ArrayList<>(drawn.setupObjects());
          all.addAll(drawn.solutionObjects());
          for (JsonNode o : all) {
            namespaces.add(
                o.path("kind").asText().equals("Namespace")
                    ? o.path("metadata").path("name").asText()
                    : o.path("metadata").path("namespace").asText());
          }
        }
        for (String ns : namespaces) {
          String before = owner.put(ns, task.id());
          assertThat(before == null || before.equals(task.id()))
              .as("%s: namespace %s of %s is also %s's", exam.id(), ns, task.id(), before)
              .isTrue();
        }
      }
    }
  }

  private static DrawnTask drawn(ExamTask task, long seed) {
    return new DrawnTask(1, task, Draw.parameters(task, new java.util.Random(seed)));
  }

  /** Grades {@code answer}'s reference solution against {@code asked}'s objectives. */
  private static GradeResult grade(Exam exam, DrawnTask asked, DrawnTask answer) {
    List<Submission> files = new ArrayList<>();
    answer
        .gradable(exam.environment())
        .solution()
        .forEach((name, text) -> files.add(new Submission(name, text)));
    return grader.gradeTask(asked.gradable(exam.environment()), files, "en");
  }
}

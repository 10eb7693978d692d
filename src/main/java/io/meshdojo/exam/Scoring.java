package io.meshdojo.exam;

import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.web.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the grader's verdicts into an attempt's result: a task earns the points of the objectives
 * it meets, but only once the candidate met one that the untouched setup does not (so a blank task
 * earns nothing for its "the rest keeps working" guards); a domain's percentage is its tasks'
 * earned share of their points; the score weighs the domains by the exam's weights.
 */
final class Scoring {

  private Scoring() {}

  static AttemptResult result(
      Exam exam,
      ExamAttempt attempt,
      List<AttemptGrading.Graded> graded,
      Map<Integer, Long> openSeconds,
      Language lang) {
    List<AttemptResult.TaskResult> tasks = new ArrayList<>();
    int earnedTotal = 0;
    int pointsTotal = 0;
    for (AttemptGrading.Graded g : graded) {
      GradeResult r = lang == Language.ZH ? g.zh() : g.en();
      List<AttemptResult.ObjectiveVerdict> objectives = new ArrayList<>();
      for (GradeResult.ObjectiveResult o : r.objectives()) {
        objectives.add(
            new AttemptResult.ObjectiveVerdict(
                o.id(), o.passed(), o.expected(), exam.review() ? o.message() : null));
      }
      boolean worked =
          r.objectives().stream().anyMatch(o -> o.passed() && !g.metUntouched().contains(o.id()));
      int earned = worked ? r.score() : 0;
      int points = r.maxScore();
      earnedTotal += earned;
      pointsTotal += points;
      tasks.add(
          new AttemptResult.TaskResult(
              g.task().number(),
              g.task().task().domain(),
              g.task().title(lang),
              points,
              earned,
              earned == points ? "correct" : earned > 0 ? "partial" : "failed",
              openSeconds.getOrDefault(g.task().number(), 0L),
              g.task().task().targetMinutes(),
              List.copyOf(objectives)));
    }
    List<AttemptResult.DomainScore> domains = new ArrayList<>();
    double weighted = 0;
    int weights = 0;
    for (Exam.Domain d : exam.domains()) {
      int earned = 0;
      int points = 0;
      for (AttemptResult.TaskResult t : tasks) {
        if (t.domain().equals(d.id())) {
          earned += t.earned();
          points += t.points();
        }
      }
      if (points == 0) {
        continue;
      }
      double percent = round(100.0 * earned / points);
      domains.add(new AttemptResult.DomainScore(d.id(), d.title().in(lang), d.weight(), percent));
      weighted += d.weight() * percent;
      weights += d.weight();
    }
    double score = weights == 0 ? 0 : round(weighted / weights);
    double pointsPercent = pointsTotal == 0 ? 0 : round(100.0 * earnedTotal / pointsTotal);
    return new AttemptResult(
        attempt.id,
        exam.id(),
        score,
        pointsPercent,
        score >= exam.passingScore(),
        exam.passingScore(),
        attempt.endedBy,
        attempt.startedAt,
        attempt.submittedAt,
        exam.review(),
        List.copyOf(domains),
        List.copyOf(tasks));
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}

package io.meshdojo.exam;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A graded attempt: {@code score} weighs each domain's percentage by the exam's domain weight,
 * {@code pointsPercent} is the raw share of points.
 */
public record AttemptResult(
    String attempt,
    String exam,
    double score,
    double pointsPercent,
    boolean passed,
    int passingScore,
    String endedBy,
    Instant startedAt,
    Instant submittedAt,
    boolean review,
    List<DomainScore> domains,
    List<TaskResult> tasks) {

  public record DomainScore(String domain, String title, int weight, double percent) {}

  /** {@code verdict}: correct (every point), partial (some) or failed (none). */
  public record TaskResult(
      int number,
      String domain,
      String title,
      int points,
      int earned,
      String verdict,
      long timeOpenSeconds,
      int targetMinutes,
      List<ObjectiveVerdict> objectives) {}

  /** {@code explanation}, the grader's, only when the exam offers a review. */
  public record ObjectiveVerdict(
      String id,
      boolean passed,
      String text,
      @JsonInclude(JsonInclude.Include.NON_NULL) String explanation) {}
}

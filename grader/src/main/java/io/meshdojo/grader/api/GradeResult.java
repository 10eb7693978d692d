package io.meshdojo.grader.api;

import java.util.List;

/**
 * Outcome of grading one lab, in one language. Serialises to the CLI's {@code --json} shape.
 *
 * @param lab lab id
 * @param passed every objective is met
 * @param score points of the met objectives
 * @param maxScore points of all objectives
 */
public record GradeResult(
    String lab,
    boolean passed,
    int score,
    int maxScore,
    List<ObjectiveResult> objectives,
    List<FindingResult> findings) {

  /**
   * One objective. {@code message} says, for a failed objective, what the configuration actually
   * does; {@code evidence} lists what each probe observed.
   */
  public record ObjectiveResult(
      String id, boolean passed, int points, String message, List<String> evidence) {}

  /** One finding: catalogue code, level (error, warning, info), resource and message. */
  public record FindingResult(String code, String level, String resource, String message) {}

  /** Whether some input could not be read at all (size cap, unreadable YAML). */
  public boolean unreadableInput() {
    return findings.stream()
        .anyMatch(f -> f.code().equals("MDJ0001") || f.code().equals("MDJ0002"));
  }
}

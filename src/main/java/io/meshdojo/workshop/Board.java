package io.meshdojo.workshop;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/** The live board: every learner of a workshop, and how they fare in each of its labs. */
public record Board(WorkshopView workshop, List<Learner> learners) {

  public record Learner(
      String username, Instant joinedAt, Instant lastActivityAt, List<LabCell> labs) {}

  /**
   * One learner in one lab. {@code status} is not-started, working or passed; {@code stuckReason}
   * is {@code no-progress} (no objective passed for the workshop's minutes) or {@code
   * failing:<objective>} (that objective failed the workshop's number of checks in a row).
   */
  public record LabCell(
      String lab,
      String status,
      int score,
      int maxScore,
      int checks,
      int failedChecksInARow,
      Instant lastCheckAt,
      int hintsUsed,
      boolean solutionRevealed,
      boolean stuck,
      String stuckReason,
      @JsonIgnore Instant startedAt,
      @JsonIgnore Instant passedAt) {}
}

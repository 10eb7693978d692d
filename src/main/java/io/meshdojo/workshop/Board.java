package io.meshdojo.workshop;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/** The live board: every learner of a workshop, and how they fare in each of its labs. */
public record Board(WorkshopView workshop, Warm warm, List<Learner> learners) {

  /**
   * The workshop's warm pool: {@code state} is not-needed (sandboxes start at once), scheduled
   * (until {@code from}), reserving or released; {@code ready} of {@code wanted} clusters are
   * waiting for learners and {@code starting} more are being made, on a host that runs {@code
   * hostLimit} at most; {@code checkedAt} is when the warm-pool job last looked.
   */
  public record Warm(
      String state,
      double share,
      Instant from,
      int wanted,
      int ready,
      int starting,
      int hostLimit,
      Instant checkedAt) {}

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

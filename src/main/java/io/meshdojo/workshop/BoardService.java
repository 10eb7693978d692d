package io.meshdojo.workshop;

import io.meshdojo.grade.LabCheck;
import io.meshdojo.grade.LabCheckRepository;
import io.meshdojo.grade.ObjectiveOutcome;
import io.meshdojo.help.HintRevealRepository;
import io.meshdojo.help.SolutionRevealRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the board from what is recorded: the sandboxes learners started for the workshop's labs
 * while it ran ({@link WorkshopSession}) and the checks made in them, the hints and solutions they
 * revealed. Nothing is kept in memory, so every replica draws the same board.
 */
@ApplicationScoped
public class BoardService {

  static final String NOT_STARTED = "not-started";
  static final String WORKING = "working";
  static final String PASSED = "passed";
  static final String NO_PROGRESS = "no-progress";
  static final String FAILING = "failing:";

  private final WorkshopService workshops;
  private final EnrolmentRepository enrolments;
  private final WorkshopSessionRepository sessions;
  private final LabCheckRepository checks;
  private final HintRevealRepository hints;
  private final SolutionRevealRepository solutions;
  private final WorkshopRepository workshopRows;
  private final AuditRepository audit;
  private final WarmPools warm;

  public BoardService(
      WorkshopService workshops,
      EnrolmentRepository enrolments,
      WorkshopSessionRepository sessions,
      LabCheckRepository checks,
      HintRevealRepository hints,
      SolutionRevealRepository solutions,
      WorkshopRepository workshopRows,
      AuditRepository audit,
      WarmPools warm) {
    this.warm = warm;
    this.workshopRows = workshopRows;
    this.audit = audit;
    this.workshops = workshops;
    this.enrolments = enrolments;
    this.sessions = sessions;
    this.checks = checks;
    this.hints = hints;
    this.solutions = solutions;
  }

  @Transactional
  public Board board(Workshop workshop) {
    Instant now = Instant.now();
    List<Board.Learner> learners = new ArrayList<>();
    for (Object[] row : enrolments.withNames(workshop.id)) {
      learners.add(learner(workshop, (Enrolment) row[0], (String) row[1], now));
    }
    return new Board(workshops.view(workshop), warm.view(workshop), learners);
  }

  /** The workshop as it is now, if it still exists. */
  @Transactional
  public Optional<Workshop> reload(long id) {
    return workshopRows.findByIdOptional(id);
  }

  @Transactional
  public List<AuditEntry> audit(long workshopId) {
    return audit.of(workshopId);
  }

  /** One learner's row, or empty if the account is not enrolled. */
  @Transactional
  public Optional<Board.Learner> learner(Workshop workshop, long accountId) {
    Instant now = Instant.now();
    return enrolments
        .withName(workshop.id, accountId)
        .map(row -> learner(workshop, (Enrolment) row[0], (String) row[1], now));
  }

  /**
   * A learner's row in a workshop as it is now, in one transaction (the board's event stream draws
   * one for every change); empty if the workshop is gone or the account is not enrolled.
   */
  @Transactional
  public Optional<Board.Learner> learner(long workshopId, long accountId) {
    return workshopRows.findByIdOptional(workshopId).flatMap(w -> learner(w, accountId));
  }

  private Board.Learner learner(Workshop w, Enrolment e, String username, Instant now) {
    List<WorkshopSession> started = sessions.of(w.id, e.accountId);
    List<LabCheck> made =
        started.isEmpty()
            ? List.of()
            : checks.list(
                "sessionId in ?1 order by checkedAt, id",
                started.stream().map(s -> s.sessionId).toList());
    Map<String, Integer> hintCounts = hints.countsByLab(e.accountId);
    Map<String, Instant> solutionTimes = solutions.byLab(e.accountId);
    Instant last = e.joinedAt;
    List<Board.LabCell> cells = new ArrayList<>();
    for (String lab : w.labIds()) {
      List<WorkshopSession> labSessions =
          started.stream().filter(s -> s.labId.equals(lab)).toList();
      List<LabCheck> labChecks = made.stream().filter(c -> c.labId.equals(lab)).toList();
      cells.add(
          cell(
              w,
              lab,
              labSessions,
              labChecks,
              hintCounts.getOrDefault(lab, 0),
              solutionTimes.containsKey(lab),
              now));
      for (WorkshopSession s : labSessions) {
        last = later(last, s.startedAt);
      }
      for (LabCheck c : labChecks) {
        last = later(last, c.checkedAt);
      }
    }
    return new Board.Learner(username, e.joinedAt, last, cells);
  }

  static Board.LabCell cell(
      Workshop w,
      String lab,
      List<WorkshopSession> started,
      List<LabCheck> checks,
      int hintsUsed,
      boolean solutionRevealed,
      Instant now) {
    Instant startedAt = started.isEmpty() ? null : started.get(0).startedAt;
    if (startedAt == null && checks.isEmpty()) {
      return new Board.LabCell(
          lab, NOT_STARTED, 0, 0, 0, 0, null, hintsUsed, solutionRevealed, false, null, null, null);
    }
    LabCheck best = checks.stream().max(Comparator.comparingInt(c -> c.score)).orElse(null);
    Instant passedAt =
        checks.stream().filter(c -> c.passed).map(c -> c.checkedAt).findFirst().orElse(null);
    int failedInARow = 0;
    for (int i = checks.size() - 1; i >= 0 && !checks.get(i).passed; i--) {
      failedInARow++;
    }
    String stuckReason =
        passedAt != null ? null : stuckReason(w, startedAt, checks, now).orElse(null);
    return new Board.LabCell(
        lab,
        passedAt != null ? PASSED : WORKING,
        best == null ? 0 : best.score,
        best == null ? 0 : best.maxScore,
        checks.size(),
        failedInARow,
        checks.isEmpty() ? null : checks.get(checks.size() - 1).checkedAt,
        hintsUsed,
        solutionRevealed,
        stuckReason != null,
        stuckReason,
        startedAt,
        passedAt);
  }

  /**
   * Why a learner who has not passed looks stuck: the same objective failed in each of the last K
   * checks, or no more objectives passed than before for N minutes since starting.
   */
  static Optional<String> stuckReason(
      Workshop w, Instant startedAt, List<LabCheck> checks, Instant now) {
    if (checks.size() >= w.stuckFailures) {
      List<LabCheck> lastK = checks.subList(checks.size() - w.stuckFailures, checks.size());
      Set<String> failingInAll = failed(lastK.get(0));
      for (LabCheck c : lastK) {
        failingInAll.retainAll(failed(c));
      }
      if (!failingInAll.isEmpty()) {
        return Optional.of(FAILING + failingInAll.iterator().next());
      }
    }
    Instant progressAt = startedAt != null ? startedAt : checks.get(0).checkedAt;
    long bestPassed = 0;
    for (LabCheck c : checks) {
      long passed = c.objectives.stream().filter(o -> o.passed).count();
      if (passed > bestPassed) {
        bestPassed = passed;
        progressAt = c.checkedAt;
      }
    }
    return Duration.between(progressAt, now).toMinutes() >= w.stuckMinutes
        ? Optional.of(NO_PROGRESS)
        : Optional.empty();
  }

  private static Set<String> failed(LabCheck c) {
    return c.objectives.stream()
        .filter(o -> !o.passed)
        .map((ObjectiveOutcome o) -> o.objectiveId)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static Instant later(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }
}

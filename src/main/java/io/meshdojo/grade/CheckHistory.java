package io.meshdojo.grade;

import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.help.SolutionRevealRepository;
import io.meshdojo.web.BadInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps every check a learner makes, and hands each learner back their own. */
@ApplicationScoped
public class CheckHistory {

  /** How one objective fared; {@code points} is what it is worth. */
  public record Outcome(String id, boolean passed, int points) {}

  /** One stored check, as the API and the pages show it. */
  public record Entry(
      String lab,
      String session,
      Instant checkedAt,
      int score,
      int maxScore,
      boolean passed,
      boolean afterSolution,
      List<Outcome> objectives) {

    static Entry of(LabCheck c) {
      return new Entry(
          c.labId,
          c.sessionId,
          c.checkedAt,
          c.score,
          c.maxScore,
          c.passed,
          c.afterSolution,
          c.objectives.stream().map(o -> new Outcome(o.objectiveId, o.passed, o.points)).toList());
    }
  }

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  private final LabCheckRepository checks;
  private final SolutionRevealRepository solutions;
  private final AccountRepository accounts;
  private final Event<CheckRecorded> recorded;

  public CheckHistory(
      LabCheckRepository checks,
      SolutionRevealRepository solutions,
      AccountRepository accounts,
      Event<CheckRecorded> recorded) {
    this.recorded = recorded;
    this.checks = checks;
    this.solutions = solutions;
    this.accounts = accounts;
  }

  @Transactional
  public void record(String username, String sessionId, GradeResult result) {
    long accountId = accounts.idOf(username).orElseThrow(() -> new NotFoundException("No account"));
    LabCheck check = new LabCheck();
    check.accountId = accountId;
    check.labId = result.lab();
    check.sessionId = sessionId;
    check.checkedAt = Instant.now();
    check.score = result.score();
    check.maxScore = result.maxScore();
    check.passed = result.passed();
    check.afterSolution = solutions.revealed(accountId, result.lab()).isPresent();
    for (GradeResult.ObjectiveResult o : result.objectives()) {
      ObjectiveOutcome outcome = new ObjectiveOutcome();
      outcome.objectiveId = o.id();
      outcome.passed = o.passed();
      outcome.points = o.points();
      check.objectives.add(outcome);
    }
    checks.persist(check);
    recorded.fire(new CheckRecorded(accountId, check.labId, sessionId, check.passed));
  }

  /** The learner's latest check of one lab, if any. */
  @Transactional
  public Optional<Entry> latest(long accountId, String labId) {
    return entries(checks.latest(accountId, labId, 1)).stream().findFirst();
  }

  /** The learner's latest checks of one lab, newest first. */
  @Transactional
  public List<Entry> ofLab(String username, String labId, int limit) {
    return entries(checks.latest(account(username).id, labId, bounded(limit)));
  }

  /** The learner's latest checks of every lab, newest first. */
  @Transactional
  public List<Entry> recent(String username, int limit) {
    return entries(checks.latest(account(username).id, bounded(limit)));
  }

  // Inside the transaction: the objectives are loaded lazily.
  private static List<Entry> entries(List<LabCheck> rows) {
    return rows.stream().map(Entry::of).toList();
  }

  private static int bounded(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadInputException("limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private Account account(String username) {
    return accounts.findByUsername(username).orElseThrow(() -> new NotFoundException("No account"));
  }
}

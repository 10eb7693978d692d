package io.meshdojo.progress;

import io.meshdojo.account.AccountRepository;
import io.meshdojo.content.ProgressStatus;
import io.meshdojo.grade.LabCheckRepository;
import io.meshdojo.help.HintRevealRepository;
import io.meshdojo.help.SolutionRevealRepository;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.sandbox.SandboxSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each lab's status for a learner: done once a check passed; in progress once they started a
 * session, checked, revealed a hint or the solution; otherwise not started.
 */
@ApplicationScoped
public class LabProgress {

  /** A learner's standing in one lab, with the help they took. */
  public record Standing(
      String lab, ProgressStatus status, int hintsRevealed, int hints, Instant solutionRevealed) {}

  private final LabService labs;
  private final AccountRepository accounts;
  private final LabCheckRepository checks;
  private final HintRevealRepository hints;
  private final SolutionRevealRepository solutions;
  private final SandboxSessionRepository sessions;

  public LabProgress(
      LabService labs,
      AccountRepository accounts,
      LabCheckRepository checks,
      HintRevealRepository hints,
      SolutionRevealRepository solutions,
      SandboxSessionRepository sessions) {
    this.labs = labs;
    this.accounts = accounts;
    this.checks = checks;
    this.hints = hints;
    this.solutions = solutions;
    this.sessions = sessions;
  }

  /** Every lab in curriculum order; empty for a visitor (no badges at all). */
  @Transactional
  public Map<String, Standing> of(Optional<String> username) {
    Map<String, Standing> standings = new LinkedHashMap<>();
    username
        .flatMap(accounts::findByUsername)
        .ifPresent(
            account -> {
              Set<String> passed = checks.passedLabs(account.id);
              Set<String> started = new HashSet<>(checks.checkedLabs(account.id));
              sessions.ofAccount(account.id).forEach(s -> started.add(s.labId));
              Map<String, Integer> hinted = hints.countsByLab(account.id);
              Map<String, Instant> revealed = solutions.byLab(account.id);
              started.addAll(hinted.keySet());
              started.addAll(revealed.keySet());
              for (Lab lab : labs.list()) {
                String id = lab.id();
                standings.put(
                    id,
                    new Standing(
                        id,
                        ProgressStatus.of(passed.contains(id), started.contains(id)),
                        Math.min(hinted.getOrDefault(id, 0), lab.hints().size()),
                        lab.hints().size(),
                        revealed.get(id)));
              }
            });
    return standings;
  }
}

package io.meshdojo.help;

import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.content.Bilingual;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A lab's hints, handed out one at a time; each reveal is recorded for the learner. */
@ApplicationScoped
public class HintService {

  /** A revealed hint; {@code number} counts from 1. */
  public record Hint(int number, String text) {}

  /**
   * What the learner may see: the hints revealed so far and how many remain (never their text).
   * {@code solutionRevealed} lets the page show the solution again without asking twice.
   */
  public record Hints(List<Hint> revealed, int remaining, int total, boolean solutionRevealed) {}

  private final LabService labs;
  private final HintRevealRepository hints;
  private final SolutionRevealRepository solutions;
  private final AccountRepository accounts;
  private final Event<HelpTaken> helpTaken;
  private final Sandboxes sandboxes;

  public HintService(
      LabService labs,
      HintRevealRepository hints,
      SolutionRevealRepository solutions,
      AccountRepository accounts,
      Event<HelpTaken> helpTaken,
      Sandboxes sandboxes) {
    this.helpTaken = helpTaken;
    this.labs = labs;
    this.hints = hints;
    this.solutions = solutions;
    this.accounts = accounts;
    this.sandboxes = sandboxes;
  }

  @Transactional
  public Hints revealed(String username, String labId, Language lang) {
    Lab lab = labs.require(labId);
    return view(account(username), lab, lang);
  }

  /** Reveals the first hint not yet seen; past the last one it changes nothing. */
  @Transactional
  public Hints revealNext(String username, String labId, Language lang) {
    // The endpoint's guard (DuringExam) covers the learner; an instructor's reveal comes here
    // directly and must not hand a candidate a hint during an exam either.
    sandboxes.refuseDuringExam(username, "Hints");
    Lab lab = labs.require(labId);
    Account account = account(username);
    Set<Integer> seen = hints.revealed(account.id, lab.id());
    for (int i = 0; i < lab.hints().size(); i++) {
      if (!seen.contains(i)) {
        hints.record(account.id, lab.id(), i, Instant.now());
        helpTaken.fire(new HelpTaken(account.id, lab.id()));
        break;
      }
    }
    return view(account, lab, lang);
  }

  private Hints view(Account account, Lab lab, Language lang) {
    Set<Integer> seen = hints.revealed(account.id, lab.id());
    List<Hint> shown = new ArrayList<>();
    List<Bilingual> all = lab.hints();
    for (int i = 0; i < all.size(); i++) {
      if (seen.contains(i)) {
        shown.add(new Hint(i + 1, all.get(i).in(lang)));
      }
    }
    return new Hints(
        shown,
        all.size() - shown.size(),
        all.size(),
        solutions.revealed(account.id, lab.id()).isPresent());
  }

  private Account account(String username) {
    return accounts.findByUsername(username).orElseThrow(() -> new NotFoundException("No account"));
  }
}

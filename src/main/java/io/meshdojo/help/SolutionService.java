package io.meshdojo.help;

import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.web.BadInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;

/**
 * Shows a lab's reference solution to a learner who confirmed they want it, and records that they
 * saw it: every later check of the lab is marked "after solution".
 */
@ApplicationScoped
public class SolutionService {

  /** The solution's manifests and when the learner first revealed them. */
  public record Solution(String lab, Instant revealedAt, List<LabService.SolutionFile> files) {}

  private final LabService labs;
  private final SolutionRevealRepository reveals;
  private final AccountRepository accounts;
  private final Event<HelpTaken> helpTaken;

  public SolutionService(
      LabService labs,
      SolutionRevealRepository reveals,
      AccountRepository accounts,
      Event<HelpTaken> helpTaken) {
    this.helpTaken = helpTaken;
    this.labs = labs;
    this.reveals = reveals;
    this.accounts = accounts;
  }

  @Transactional
  public Solution reveal(String username, String labId, boolean confirmed) {
    Lab lab = labs.require(labId);
    if (!confirmed) {
      throw new BadInputException(
          "Revealing the solution is recorded: send {\"confirm\": true} to go ahead");
    }
    Account account =
        accounts.findByUsername(username).orElseThrow(() -> new NotFoundException("No account"));
    reveals.record(account.id, lab.id(), Instant.now());
    helpTaken.fire(new HelpTaken(account.id, lab.id()));
    Instant first = reveals.revealed(account.id, lab.id()).orElseThrow();
    return new Solution(lab.id(), first, labs.solutionOf(lab));
  }
}

package io.meshdojo.workshop;

import io.meshdojo.grade.CheckRecorded;
import io.meshdojo.help.HelpTaken;
import io.meshdojo.sandbox.SandboxClaim;
import io.meshdojo.sandbox.SandboxSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Optional;

/**
 * Ties learners' ordinary sandboxes and checks to the workshops they joined: a sandbox started for
 * a lab of a running workshop counts for it and lives until the workshop ends; a check made in it,
 * or help taken in one of its labs, changes that learner's row on the board. Each runs in the
 * transaction of what happened, so the board hears of it once it is committed.
 */
@ApplicationScoped
public class WorkshopSandboxes implements SandboxClaim {

  private final WorkshopRepository workshops;
  private final WorkshopSessionRepository sessions;
  private final WorkshopEvents events;

  public WorkshopSandboxes(
      WorkshopRepository workshops, WorkshopSessionRepository sessions, WorkshopEvents events) {
    this.workshops = workshops;
    this.sessions = sessions;
    this.events = events;
  }

  @Override
  public Optional<Claim> claim(SandboxSession sandbox) {
    Instant now = Instant.now();
    return workshops.joinedNotEnded(sandbox.accountId, now).stream()
        .filter(w -> w.status(now) == Workshop.Status.RUNNING)
        .filter(w -> w.labIds().contains(sandbox.labId))
        .findFirst()
        .map(
            w -> {
              WorkshopSession s = new WorkshopSession();
              s.sessionId = sandbox.id;
              s.workshopId = w.id;
              s.accountId = sandbox.accountId;
              s.labId = sandbox.labId;
              s.startedAt = now;
              sessions.persist(s);
              learnerChanged(w.id, sandbox.accountId);
              return new Claim(w.end(), WarmPools.holder(w.id));
            });
  }

  void checked(@Observes CheckRecorded check) {
    sessions
        .findByIdOptional(check.sessionId())
        .ifPresent(s -> learnerChanged(s.workshopId, s.accountId));
  }

  void helped(@Observes HelpTaken help) {
    Instant now = Instant.now();
    workshops.joinedNotEnded(help.accountId(), now).stream()
        .filter(w -> w.labIds().contains(help.labId()))
        .forEach(w -> learnerChanged(w.id, help.accountId()));
  }

  private void learnerChanged(long workshop, long account) {
    events.publish(new WorkshopEvents.Change(workshop, WorkshopEvents.Kind.LEARNER, account));
  }
}

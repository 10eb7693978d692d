package io.meshdojo.workshop;

import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.grade.CheckHistory;
import io.meshdojo.grade.CheckService;
import io.meshdojo.help.HintService;
import io.meshdojo.sandbox.SandboxStatus;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.workspace.ObjectRef;
import io.meshdojo.sandbox.workspace.WorkspaceService;
import io.meshdojo.web.Language;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What an instructor does for one learner from the board (look at their sandbox and last check,
 * reset, extend or end the sandbox, reveal the next hint) or for the whole workshop (end it). The
 * learner's own services do the work, acting as the learner; each action is recorded in the
 * workshop's audit list.
 */
@ApplicationScoped
public class InstructorActions {

  private static final Logger LOG = Logger.getLogger(InstructorActions.class);

  /** At most this many objects are shown of one sandbox. */
  static final int MAX_OBJECTS = 200;

  /** A learner's last recorded check and the grader's explanations of the sandbox as it is now. */
  public record LastCheck(CheckHistory.Entry last, Map<String, Object> now) {}

  private final WorkshopService workshops;
  private final WorkshopSessionRepository sessions;
  private final AccountRepository accounts;
  private final Sandboxes sandboxes;
  private final WorkspaceService workspace;
  private final CheckService checks;
  private final CheckHistory history;
  private final HintService hints;
  private final AuditRepository audit;
  private final WorkshopEvents events;

  public InstructorActions(
      WorkshopService workshops,
      WorkshopSessionRepository sessions,
      AccountRepository accounts,
      Sandboxes sandboxes,
      WorkspaceService workspace,
      CheckService checks,
      CheckHistory history,
      HintService hints,
      AuditRepository audit,
      WorkshopEvents events) {
    this.workshops = workshops;
    this.sessions = sessions;
    this.accounts = accounts;
    this.sandboxes = sandboxes;
    this.workspace = workspace;
    this.checks = checks;
    this.history = history;
    this.hints = hints;
    this.audit = audit;
    this.events = events;
  }

  /** The learner's sandbox objects as read-only YAML documents. */
  public String objects(Workshop w, String learner, String lab) {
    String sandbox = sandboxOf(w, learner, lab);
    List<ObjectRef> refs = workspace.objects(learner, sandbox);
    return refs.stream()
        .limit(MAX_OBJECTS)
        .map(ref -> workspace.yaml(learner, sandbox, ref))
        .collect(Collectors.joining("---\n"));
  }

  public LastCheck lastCheck(
      Workshop w, String learner, String lab, Language lang, String serviceUrl) {
    Account account = workshops.enrolled(w, learner);
    String sandbox = sandboxOf(w, learner, lab);
    Map<String, Object> now = checks.inspect(learner, sandbox, lang, serviceUrl).toJsonMap();
    return new LastCheck(history.latest(account.id, lab).orElse(null), now);
  }

  public SandboxView reset(Workshop w, String actor, String learner, String lab) {
    SandboxView view = sandboxes.reset(learner, sandboxOf(w, learner, lab));
    audit.record(w.id, actor, "reset-sandbox", learner, lab);
    return view;
  }

  public SandboxView extend(Workshop w, String actor, String learner, String lab) {
    SandboxView view = sandboxes.extend(learner, sandboxOf(w, learner, lab));
    audit.record(w.id, actor, "extend-sandbox", learner, lab);
    return view;
  }

  public void end(Workshop w, String actor, String learner, String lab) {
    sandboxes.end(learner, sandboxOf(w, learner, lab));
    audit.record(w.id, actor, "end-sandbox", learner, lab);
  }

  public HintService.Hints revealHint(
      Workshop w, String actor, String learner, String lab, Language lang) {
    workshops.enrolled(w, learner);
    requireLab(w, lab);
    HintService.Hints shown = hints.revealNext(learner, lab, lang);
    audit.record(w.id, actor, "reveal-hint", learner, lab + " #" + shown.revealed().size());
    return shown;
  }

  /** Ends the workshop now and every sandbox started for it. */
  public void endWorkshop(Workshop w, String actor) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Workshop row = workshops.runnable(actor, w.id);
              if (row.endedAt == null || row.endedAt.isAfter(Instant.now())) {
                row.endedAt = Instant.now();
              }
              audit.record(w.id, actor, "end-workshop", null, null);
              events.publish(new WorkshopEvents.Change(w.id, WorkshopEvents.Kind.WORKSHOP, 0));
            });
    for (WorkshopSession s :
        QuarkusTransaction.requiringNew().call(() -> sessions.of(w.id, null))) {
      String owner = username(s.accountId);
      try {
        if (live(sandboxes.view(owner, s.sessionId))) {
          sandboxes.end(owner, s.sessionId);
        }
      } catch (RuntimeException e) {
        // One sandbox that cannot be ended now expires on its own; the others still end.
        LOG.warnf(e, "Workshop %d: sandbox %s could not be ended", w.id, s.sessionId);
      }
    }
  }

  /** After the workshop's end moved later, its live sandboxes last until then too. */
  public void followEnd(Workshop w) {
    for (WorkshopSession s :
        QuarkusTransaction.requiringNew().call(() -> sessions.of(w.id, null))) {
      sandboxes.extendUntil(username(s.accountId), s.sessionId, w.end());
    }
  }

  private static boolean live(SandboxView view) {
    return !SandboxStatus.ENDED.name().equals(view.status())
        && !SandboxStatus.EXPIRED.name().equals(view.status())
        && !SandboxStatus.FAILED.name().equals(view.status());
  }

  /** The learner's newest sandbox for the workshop's lab, or a 404 saying there is none. */
  private String sandboxOf(Workshop w, String learner, String lab) {
    Account account = workshops.enrolled(w, learner);
    requireLab(w, lab);
    return QuarkusTransaction.requiringNew()
        .call(() -> sessions.newest(w.id, account.id, lab))
        .map(s -> s.sessionId)
        .orElseThrow(
            () ->
                new ClientErrorException(
                    "'" + learner + "' has not started '" + lab + "' in this workshop", 409));
  }

  private static void requireLab(Workshop w, String lab) {
    if (!w.labIds().contains(lab)) {
      throw new NotFoundException("Workshop " + w.id + " has no lab '" + lab + "'");
    }
  }

  private String username(long accountId) {
    return QuarkusTransaction.requiringNew().call(() -> accounts.findById(accountId).username);
  }
}

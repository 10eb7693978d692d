package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.SandboxBackend.Done;
import io.meshdojo.sandbox.SandboxBackend.Failed;
import io.meshdojo.sandbox.SandboxBackend.Preparation;
import io.meshdojo.sandbox.SandboxBackend.Step;
import io.meshdojo.sandbox.SandboxBackend.Working;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Moves one sandbox a step towards what its row wants, in the manner of a Kubernetes controller:
 * read the row, take the one next step for (desired, phase, generation) through the sandbox's
 * {@link SandboxBackend}, write what was observed. Nothing is remembered between calls but the row,
 * so a reconcile may be repeated at any time, after a crash at any point included: every backend
 * step is idempotent, and a reconcile claims its row so that only one runs per sandbox across the
 * fleet. What a step of an older generation (a reset came meanwhile) or an older wish (ended
 * meanwhile) reports is dropped.
 *
 * <p>Callers use {@link ReconcileLoop}, which runs this and follows up when a result asks to.
 */
@ApplicationScoped
public class SandboxReconciler {

  private static final Logger LOG = Logger.getLogger(SandboxReconciler.class);

  /**
   * How long a reconcile holds its sandbox: longer than any one step takes (applying a lab's setup
   * to a cluster is the longest); a replica that died mid-step lets go after it.
   */
  static final Duration CLAIM = Duration.ofSeconds(30);

  /** How soon a step that threw (the database or a cluster did not answer) is tried again. */
  static final Duration RETRY = Duration.ofSeconds(10);

  /** What a reconcile left to do. */
  public sealed interface Result {}

  /** Nothing is due until someone asks for something. */
  public record Settled() implements Result {}

  /** Reconcile again after {@code after}. */
  public record Again(Duration after) implements Result {}

  /** Another reconcile holds the sandbox (it follows up itself), or there is no such sandbox. */
  public record Busy() implements Result {}

  /**
   * The status a step observed, written only if the row still wants what the step worked for.
   * {@code desired} is null unless the step itself changes the wish (a sandbox whose time is up).
   */
  private record Observed(
      SandboxPhase phase,
      String step,
      int percent,
      Integer queuePosition,
      String error,
      int attempts,
      boolean madeReady,
      Instant next,
      String desired) {

    static Observed unchanged(SandboxSession s, Instant next) {
      return new Observed(
          s.phase(), s.step, s.percent, s.queuePosition, s.error, s.attempts, false, next, null);
    }
  }

  private final SandboxSessionRepository sessions;
  private final SandboxBackends backends;
  private final EnvironmentCatalog environments;
  private final LabSetups setups;

  public SandboxReconciler(
      SandboxSessionRepository sessions,
      SandboxBackends backends,
      EnvironmentCatalog environments,
      LabSetups setups) {
    this.sessions = sessions;
    this.backends = backends;
    this.environments = environments;
    this.setups = setups;
  }

  /** One step for sandbox {@code id}. */
  public Result reconcile(String id) {
    Instant now = Instant.now();
    SandboxSession seen =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    sessions.claim(id, now, now.plus(CLAIM))
                        ? sessions.findByIdOptional(id).orElse(null)
                        : null);
    if (seen == null) {
      return new Busy();
    }
    Observed observed;
    try {
      observed = step(seen, now);
    } catch (RuntimeException e) {
      LOG.warnf(e, "reconciling sandbox %s failed; trying again in %s", id, RETRY);
      observed = Observed.unchanged(seen, now.plus(RETRY));
    }
    Observed result = observed;
    return QuarkusTransaction.requiringNew().call(() -> record(seen, result));
  }

  private Observed step(SandboxSession s, Instant now) {
    SandboxBackend backend = backends.of(s.backend);
    if (!s.wanted()) {
      backend.release(s);
      SandboxPhase end = SandboxPhase.valueOf(s.desired);
      return new Observed(
          end,
          end == SandboxPhase.EXPIRED ? "Expired" : "Ended",
          s.percent,
          null,
          s.error,
          s.attempts,
          false,
          null,
          null);
    }
    if (s.phase() == SandboxPhase.FAILED) {
      // Released when it failed; it waits for the learner to end it or for its time to be up.
      return Observed.unchanged(s, null);
    }
    if (!now.isBefore(s.expiresAt)) {
      return new Observed(
          s.phase(),
          s.step,
          s.percent,
          s.queuePosition,
          s.error,
          s.attempts,
          false,
          now,
          SandboxPhase.EXPIRED.name());
    }
    if (s.phase() == SandboxPhase.READY && s.observedGeneration == s.generation) {
      Optional<String> lost = backend.lost(s);
      return lost.map(
              why ->
                  new Observed(
                      s.phase(),
                      s.step,
                      s.percent,
                      null,
                      why,
                      s.attempts,
                      false,
                      now,
                      SandboxPhase.EXPIRED.name()))
          .orElseGet(() -> Observed.unchanged(s, null));
    }
    return prepare(s, backend, now);
  }

  /** The next step of preparing the sandbox's current generation. */
  private Observed prepare(SandboxSession s, SandboxBackend backend, Instant now) {
    Optional<Environment> environment = environments.find(s.environment);
    Optional<List<ObjectNode>> setup = setups.of(s.labId);
    Step step =
        environment.isEmpty() || setup.isEmpty()
            ? new Failed(
                "Queued",
                "this service no longer has lab '"
                    + s.labId
                    + "' or environment '"
                    + s.environment
                    + "'")
            : backend.prepare(
                s,
                new Preparation(
                    environment.get(),
                    setup.get(),
                    s.phase() == SandboxPhase.RESETTING,
                    s.attempts > 0,
                    LearnerRights.of(setup.get(), setups.clusterAdmin(s.labId))));
    if (step instanceof Done) {
      return new Observed(SandboxPhase.READY, "Ready", 100, null, null, 0, true, null, null);
    }
    if (step instanceof Working w) {
      SandboxPhase phase =
          w.queuePosition() != null
              ? SandboxPhase.QUEUED
              : s.phase() == SandboxPhase.RESETTING
                  ? SandboxPhase.RESETTING
                  : SandboxPhase.PROVISIONING;
      return new Observed(
          phase,
          w.step(),
          w.percent(),
          w.queuePosition(),
          null,
          s.attempts + 1,
          false,
          now.plus(w.again()),
          null);
    }
    Failed f = (Failed) step;
    LOG.warnf("sandbox %s failed at step '%s': %s", s.id, f.step(), f.reason());
    // Released before FAILED is written: a crash in between leaves a row still being prepared,
    // whose next step finds nothing and fails again. This reconcile holds the sandbox, so no step
    // of a newer generation runs meanwhile: the release takes only what this generation holds.
    backend.release(s);
    return new Observed(
        SandboxPhase.FAILED,
        f.step(),
        0,
        null,
        "Step '" + f.step() + "' failed: " + f.reason(),
        s.attempts,
        false,
        null,
        null);
  }

  /** Writes what was observed, unless the row wants something else by now, and lets go of it. */
  private Result record(SandboxSession seen, Observed o) {
    SandboxSession row = sessions.lock(seen.id).orElse(null);
    if (row == null) {
      return new Busy();
    }
    row.claimedUntil = null;
    // Only what the step saw may be overwritten: a newer generation, a new wish or another
    // observation since the claim is left as it is.
    boolean current =
        row.generation == seen.generation
            && row.desired.equals(seen.desired)
            && row.phase.equals(seen.phase)
            && row.attempts == seen.attempts;
    if (current) {
      row.phase = o.phase().name();
      row.step = o.step();
      row.percent = o.percent();
      row.queuePosition = o.queuePosition();
      row.error =
          o.error() == null ? null : o.error().substring(0, Math.min(o.error().length(), 1000));
      row.attempts = o.attempts();
      row.nextReconcileAt = o.next();
      if (o.madeReady()) {
        row.observedGeneration = row.generation;
      }
      if (o.desired() != null) {
        row.desired = o.desired();
        row.endedAt = Instant.now();
      }
    }
    if (row.nextReconcileAt == null) {
      return new Settled();
    }
    Duration wait = Duration.between(Instant.now(), row.nextReconcileAt);
    return new Again(wait.isNegative() ? Duration.ZERO : wait);
  }
}

package io.meshdojo.sandbox.embedded.controllers;

import io.meshdojo.grader.api.ControlPlaneHistory;
import io.meshdojo.sandbox.embedded.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded sandboxes' control plane history for the grader ({@link ControlPlaneHistory}): after
 * every write that touched pods, Deployments, namespaces or injection webhooks, the moment the
 * sandbox's objects then stand for, kept once the write commits (a moment equal to the last one is
 * not kept again). Held in this replica's memory, at most {@link #KEPT} moments a sandbox, newest
 * kept; a reset or an ended sandbox forgets its history, and a restart of the service starts every
 * history afresh from the state it finds.
 */
@ApplicationScoped
public class ControlPlaneRecorder {

  static final int KEPT = 500;

  private static final Set<String> KINDS =
      Set.of("Pod", "Deployment", "Namespace", "MutatingWebhookConfiguration");

  private final Map<String, Deque<ControlPlaneHistory.Moment>> histories =
      new ConcurrentHashMap<>();
  private final Event<Recorded> recorded;

  /** A moment of a sandbox, computed in a write's transaction. */
  record Recorded(String sandbox, ControlPlaneHistory.Moment moment) {}

  public ControlPlaneRecorder(Event<Recorded> recorded) {
    this.recorded = recorded;
  }

  /** Whether a change can move the control plane's picture. */
  static boolean concerns(Change change) {
    return KINDS.contains(change.type().kind());
  }

  /** Records the sandbox's moment as of this transaction, kept if the transaction commits. */
  void record(ObjectStore store, String sandbox) {
    recorded.fire(new Recorded(sandbox, ControlPlaneHistory.moment(store.allAsMaps(sandbox))));
  }

  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Recorded r) {
    keep(r.sandbox(), r.moment());
  }

  void keep(String sandbox, ControlPlaneHistory.Moment moment) {
    Deque<ControlPlaneHistory.Moment> history =
        histories.computeIfAbsent(sandbox, s -> new ArrayDeque<>());
    synchronized (history) {
      if (moment.equals(history.peekLast())) {
        return;
      }
      history.addLast(moment);
      while (history.size() > KEPT) {
        history.removeFirst();
      }
    }
  }

  /** The sandbox's moments, oldest first. */
  public List<ControlPlaneHistory.Moment> history(String sandbox) {
    Deque<ControlPlaneHistory.Moment> history = histories.get(sandbox);
    if (history == null) {
      return List.of();
    }
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  /** A sandbox reset or ended: its history starts again. */
  public void forget(String sandbox) {
    histories.remove(sandbox);
  }
}

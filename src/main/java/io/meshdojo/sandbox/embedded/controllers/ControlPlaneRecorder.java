package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.grader.api.ControlPlaneHistory;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.records.JsonStream;
import io.meshdojo.sandbox.records.TrafficRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The embedded sandboxes' control plane history for the grader ({@link ControlPlaneHistory}): after
 * every write that touched pods, Deployments, namespaces or injection webhooks, the moment the
 * sandbox's objects then stand for, stored in the write's transaction so that it is kept if and
 * only if the write commits (a moment equal to the last one is not kept again). Kept in the
 * database and shared by every replica ({@link TrafficRecords}), at most {@link #KEPT} moments a
 * sandbox, newest kept; a reset or an ended sandbox forgets its history.
 */
@ApplicationScoped
public class ControlPlaneRecorder {

  static final int KEPT = 500;

  static final TrafficRecords.Stream MOMENTS = new TrafficRecords.Stream("moment", KEPT, null);

  private static final int MAX_CACHED_SANDBOXES = 2_000;

  private static final Set<String> KINDS =
      Set.of("Pod", "Deployment", "Namespace", "MutatingWebhookConfiguration");

  private final TrafficRecords records;
  private final JsonStream<ControlPlaneHistory.Moment> stored;

  public ControlPlaneRecorder(TrafficRecords records, ObjectMapper json) {
    this.records = records;
    this.stored =
        new JsonStream<>(
            records, MOMENTS, ControlPlaneHistory.Moment.class, json, MAX_CACHED_SANDBOXES);
  }

  /** Whether a change can move the control plane's picture. */
  static boolean concerns(Change change) {
    return KINDS.contains(change.type().kind());
  }

  /** Records the sandbox's moment as of this transaction, kept if the transaction commits. */
  void record(ObjectStore store, String sandbox) {
    ControlPlaneHistory.Moment moment = ControlPlaneHistory.moment(store.allAsMaps(sandbox));
    if (!stored.newest(sandbox).map(moment::equals).orElse(false)) {
      stored.writeNow(sandbox, Instant.now(), moment);
    }
  }

  /**
   * The sandbox's moments, oldest first; one recorded twice in a row (by two replicas writing at
   * once) counts once.
   */
  public List<ControlPlaneHistory.Moment> history(String sandbox) {
    List<ControlPlaneHistory.Moment> moments = new ArrayList<>();
    for (ControlPlaneHistory.Moment m : stored.read(sandbox, any -> false)) {
      if (moments.isEmpty() || !moments.get(moments.size() - 1).equals(m)) {
        moments.add(m);
      }
    }
    return moments;
  }

  /** A sandbox reset or ended: its history starts again, for every replica. */
  public void forget(String sandbox) {
    records.forget(sandbox, List.of(MOMENTS));
  }
}

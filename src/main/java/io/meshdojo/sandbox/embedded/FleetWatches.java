package io.meshdojo.sandbox.embedded;

import io.meshdojo.fleet.FleetBus;
import io.meshdojo.fleet.FleetOnce;
import io.meshdojo.sandbox.SandboxAuthenticator;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watches this replica holds, kept up with what the other replicas of a fleet do: a write
 * through another replica reaches them, read from the {@link ChangeJournal} when that replica says
 * so, and a session ended anywhere ends them. What this replica writes itself reaches its watches
 * directly ({@link ObjectStore}), never through the fleet, so nothing arrives twice.
 */
@ApplicationScoped
public class FleetWatches {

  private final WatchHub hub;
  private final ChangeJournal journal;
  private final FleetBus fleet;
  private final FleetOnce once;
  private final SandboxAuthenticator sessions;

  /**
   * Per watched sandbox, the highest resourceVersion read from the journal. A sandbox nobody here
   * watches has none: its first change after a watch opens is read from that change's version on,
   * the watch having read everything before from the objects themselves.
   */
  private final Map<String, Long> readUpTo = new ConcurrentHashMap<>();

  public FleetWatches(
      WatchHub hub,
      ChangeJournal journal,
      FleetBus fleet,
      FleetOnce once,
      SandboxAuthenticator sessions) {
    this.hub = hub;
    this.journal = journal;
    this.fleet = fleet;
    this.once = once;
    this.sessions = sessions;
  }

  void listen(@Observes StartupEvent start) {
    fleet.subscribe(ChangeJournal.CHANGED, this::changedElsewhere);
    fleet.subscribe(ChangeJournal.ENDED, this::endedElsewhere);
    fleet.onResume(this::catchUp);
  }

  /** Ends the sandbox's watches here and in every other replica. */
  public void endAll(String sandbox, String why) {
    hub.endAll(sandbox, why);
    fleet.tellOthers(ChangeJournal.ENDED, sandbox);
  }

  /** Body: the sandbox's id and the resourceVersion the change took. */
  synchronized void changedElsewhere(String body) {
    String[] parts = body.split(" ", 2);
    String sandbox = parts[0];
    if (!hub.watching(sandbox)) {
      readUpTo.remove(sandbox);
      return;
    }
    long version = Long.parseLong(parts[1]);
    deliver(sandbox, readUpTo.getOrDefault(sandbox, version - 1));
  }

  private void deliver(String sandbox, long beyond) {
    List<WatchHub.Event> changes = journal.othersBeyond(sandbox, beyond);
    hub.publish(changes);
    long highest = changes.stream().mapToLong(WatchHub.Event::resourceVersion).max().orElse(beyond);
    readUpTo.put(sandbox, highest);
  }

  private void endedElsewhere(String sandbox) {
    sessions.whyGone(sandbox).ifPresent(why -> hub.endAll(sandbox, why));
  }

  /** After the connection to the others was lost: what they changed meanwhile. */
  private synchronized void catchUp() {
    readUpTo.forEach(
        (sandbox, beyond) -> {
          if (hub.watching(sandbox)) {
            deliver(sandbox, beyond);
          }
        });
  }

  private synchronized void forgetUnwatched() {
    readUpTo.keySet().removeIf(sandbox -> !hub.watching(sandbox));
  }

  @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tidy() {
    if (!fleet.shared()) {
      return;
    }
    forgetUnwatched();
    once.run(
        "forget-sandbox-changes",
        Duration.ofMinutes(1),
        () -> journal.forgetBefore(Instant.now().minus(ChangeJournal.KEPT)));
  }
}

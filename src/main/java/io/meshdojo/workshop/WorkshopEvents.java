package io.meshdojo.workshop;

import io.meshdojo.fleet.FleetBus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What changed in which workshop, handed to the board and announcement streams of every replica: a
 * change made here is delivered here once its transaction commits, and told to the other replicas
 * through the {@link FleetBus} (a NOTIFY sent with the same commit). A change names what changed;
 * the streams read the rest from the database.
 */
@ApplicationScoped
public class WorkshopEvents {

  static final String TOPIC = "workshop";

  /** What a change is about: a learner's row, an announcement, or the workshop itself. */
  public enum Kind {
    LEARNER,
    ANNOUNCEMENT,
    WORKSHOP
  }

  /** {@code subject} is the learner's account id, the announcement's id, or 0 for the workshop. */
  public record Change(long workshop, Kind kind, long subject) {

    String encode() {
      return workshop + ":" + kind + ":" + subject;
    }

    static Optional<Change> decode(String body) {
      String[] parts = body.split(":");
      try {
        return Optional.of(
            new Change(Long.parseLong(parts[0]), Kind.valueOf(parts[1]), Long.parseLong(parts[2])));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  private final FleetBus fleet;
  private final TransactionSynchronizationRegistry transactions;
  private final Map<Long, List<MultiEmitter<? super Change>>> listeners = new ConcurrentHashMap<>();

  public WorkshopEvents(FleetBus fleet, TransactionSynchronizationRegistry transactions) {
    this.fleet = fleet;
    this.transactions = transactions;
  }

  void listen(@Observes StartupEvent start) {
    fleet.subscribe(TOPIC, body -> Change.decode(body).ifPresent(this::deliver));
  }

  /** Announces a change: after the current transaction commits, or at once outside one. */
  public void publish(Change change) {
    fleet.tellOthers(TOPIC, change.encode());
    if (QuarkusTransaction.isActive()) {
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if (status == Status.STATUS_COMMITTED) {
                deliver(change);
              }
            }
          });
    } else {
      deliver(change);
    }
  }

  /** Every change of these workshops from now on, until the subscriber cancels. */
  public Multi<Change> changes(Set<Long> workshops) {
    return Multi.createFrom()
        .emitter(
            emitter -> {
              for (long id : workshops) {
                listeners.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(emitter);
              }
              emitter.onTermination(
                  () -> {
                    for (long id : workshops) {
                      List<MultiEmitter<? super Change>> list = listeners.get(id);
                      if (list != null) {
                        list.remove(emitter);
                      }
                    }
                  });
            });
  }

  private void deliver(Change change) {
    for (MultiEmitter<? super Change> emitter :
        listeners.getOrDefault(change.workshop(), List.of())) {
      // Changes come from many threads; an emitter takes one item at a time.
      synchronized (emitter) {
        emitter.emit(change);
      }
    }
  }
}

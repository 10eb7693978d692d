package io.meshdojo.sandbox.kind;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Where the pool's state lives: its clusters, its queue and its reservations. Every change to the
 * pool reads them and writes them back while holding one lock that every pool on the same store
 * honours, so pools of several replicas act as one: capacity is counted once, any of them can
 * release or extend any lease, and a restarted one resumes from what is stored.
 */
public interface ClusterStore {

  /**
   * Runs {@code work} holding the pool's lock: it gets the state as stored and returns the state to
   * store (with a result). Nothing is stored if {@code work} throws.
   */
  <T> T locked(Function<PoolRows, Outcome<T>> work);

  /**
   * Whether other processes may share this store. A store that is never shared proves that any
   * cluster it remembers as being created was being created by an earlier run of this process.
   */
  boolean shared();

  /** The whole state of a pool; tickets in queue order. */
  record PoolRows(
      List<ClusterRecord> clusters,
      List<TicketRecord> tickets,
      List<ReservationRecord> reservations) {
    public PoolRows {
      clusters = List.copyOf(clusters);
      tickets = List.copyOf(tickets);
      reservations = List.copyOf(reservations);
    }

    public static PoolRows empty() {
      return new PoolRows(List.of(), List.of(), List.of());
    }
  }

  /** What a piece of work leaves behind: the state to store and the answer it computed. */
  record Outcome<T>(PoolRows rows, T value) {}

  /**
   * One cluster; {@code state} is the pool's name for where it stands; {@code owner}, {@code
   * grantedAt}, {@code expiresAt} and {@code lastActivity} are null while nobody holds it; {@code
   * reservedFor} names the reservation a warm cluster is kept for.
   */
  record ClusterRecord(
      String id,
      String environment,
      String state,
      String reservedFor,
      String owner,
      String kubeconfig,
      Instant createdAt,
      Instant grantedAt,
      Instant expiresAt,
      Instant lastActivity,
      String error,
      String failedStep) {}

  /** A request for a cluster: waiting while {@code servedLease} is null, then the lease it got. */
  record TicketRecord(
      String id, String owner, String environment, String reservation, String servedLease) {}

  /** Warm clusters of one environment a holder wants kept. */
  record ReservationRecord(String holder, String environment, int wanted) {}
}

package io.meshdojo.sandbox.kind;

import io.meshdojo.sandbox.kind.ClusterRuntime.ClusterHandle;
import io.meshdojo.sandbox.kind.ClusterStore.ClusterRecord;
import io.meshdojo.sandbox.kind.ClusterStore.Outcome;
import io.meshdojo.sandbox.kind.ClusterStore.PoolRows;
import io.meshdojo.sandbox.kind.ClusterStore.ReservationRecord;
import io.meshdojo.sandbox.kind.ClusterStore.TicketRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Hands out sandbox clusters: a warm pool per environment, warm clusters reserved for a known crowd
 * (a workshop: only requests naming its reservation take them), a capacity limit per host, a FIFO
 * queue beyond it, a lifetime per lease (extendable up to a maximum), idle reaping, and
 * reconciliation with what the runtime still holds after a restart. A cluster handed to a learner
 * is destroyed when its lease ends, never handed to anyone else.
 *
 * <p>The pool's state (clusters, queue, reservations) lives in its {@link ClusterStore}, not here:
 * every call loads it holding the store's lock, applies the rules and writes it back, so several
 * pools on one store (replicas of the service on one database, sharing one Docker host) act as one
 * pool. Creating and destroying clusters runs on the given executor, outside the lock; a cluster
 * whose creator stopped is given up after {@link Settings#creationTimeout()}.
 */
public final class ClusterPool {

  private static final Logger LOG = Logger.getLogger(ClusterPool.class);

  /** The pool's rules. */
  public record Settings(
      int maxClusters,
      Map<String, Integer> warmPool,
      int queueCapacity,
      Duration ttl,
      Duration maxLifetime,
      Duration idleTimeout,
      Duration creationTimeout) {

    /** How long creating a cluster may take before it counts as abandoned, unless said. */
    public static final Duration CREATION_TIMEOUT = Duration.ofMinutes(30);

    public Settings(
        int maxClusters,
        Map<String, Integer> warmPool,
        int queueCapacity,
        Duration ttl,
        Duration maxLifetime,
        Duration idleTimeout) {
      this(maxClusters, warmPool, queueCapacity, ttl, maxLifetime, idleTimeout, CREATION_TIMEOUT);
    }

    public Settings {
      if (maxClusters < 1) {
        throw new IllegalArgumentException("maxClusters must be at least 1, not " + maxClusters);
      }
      if (queueCapacity < 0) {
        throw new IllegalArgumentException("queueCapacity must not be negative");
      }
      warmPool = Map.copyOf(warmPool);
    }
  }

  /** What a learner's lease looks like from outside. */
  public enum Status {
    PROVISIONING,
    READY,
    FAILED
  }

  /**
   * A cluster handed to one owner. {@code kubeconfig} is null until READY; {@code failedStep} names
   * the install step that failed, when the runtime said which.
   */
  public record Lease(
      String id,
      String environment,
      String owner,
      Status status,
      String kubeconfig,
      Instant grantedAt,
      Instant expiresAt,
      Instant lastActivity,
      String error,
      String failedStep) {}

  /** The answer to a request for a cluster. */
  public sealed interface Answer {}

  /** A cluster is the requester's (perhaps still provisioning). */
  public record Granted(Lease lease) implements Answer {}

  /** Every slot is taken: the request waits; {@code position} 1 is next. */
  public record Queued(String ticket, int position) implements Answer {}

  /** Nothing can be done now; {@code reason} is meant for the learner. */
  public record Refused(String reason) implements Answer {}

  /** Where a queued request stands. */
  public sealed interface TicketStatus {}

  /** Still waiting at {@code position}. */
  public record Waiting(int position) implements TicketStatus {}

  /** Served: the lease it got. */
  public record Served(Lease lease) implements TicketStatus {}

  /** Unknown, cancelled, or its lease already ended. */
  public record Gone() implements TicketStatus {}

  /** Counts for health and metrics; {@code reserved} counts reservations' warm clusters. */
  public record Snapshot(
      int maxClusters,
      int leased,
      int provisioning,
      Map<String, Integer> warm,
      int reserved,
      int queued) {
    public int used() {
      return leased
          + provisioning
          + reserved
          + warm.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * Where a reservation stands: how many warm clusters it asks for, how many are ready and how many
   * are still being created; {@code maxClusters} is what the whole host can run.
   */
  public record Reservation(int wanted, int ready, int starting, int maxClusters) {}

  private enum State {
    /** Being created for the warm pool. */
    WARMING,
    /** Ready, in the warm pool. */
    WARM,
    /** Being created for a lease. */
    PROVISIONING,
    /** Ready and handed out. */
    LEASED,
    /** Creating it failed; holds no capacity; kept to report the error until released. */
    FAILED,
    /**
     * Released while still being created: nobody's any more, but it holds its slot until its
     * creation returns, when it is destroyed (the host runs it until then).
     */
    RETIRING
  }

  private static final class Cluster {
    final String id;
    final String environment;
    final Instant createdAt;
    State state;

    /** The reservation a warm cluster is kept for; null for the environment's own warm pool. */
    String reservedFor;

    String owner;
    String kubeconfig;
    Instant grantedAt;
    Instant expiresAt;
    Instant lastActivity;
    String error;
    String failedStep;

    Cluster(String id, String environment, State state, Instant createdAt) {
      this.id = id;
      this.environment = environment;
      this.state = state;
      this.createdAt = createdAt;
    }

    boolean holdsCapacity() {
      return state != State.FAILED;
    }
  }

  private record Ticket(String id, String owner, String environment, String reservation) {}

  private record ServedTicket(Ticket ticket, String lease) {}

  /** Why a lease failed whose cluster the service stopped creating. */
  static final String INTERRUPTED =
      "Creating this sandbox cluster was interrupted: the service creating it stopped.";

  private final ClusterRuntime runtime;
  private final ClusterStore store;
  private final Executor executor;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Set<String> environments;
  private final Settings settings;

  // A working copy of the store's state, loaded under the lock by locked() and written back by it.
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Deque<Ticket> queue = new ArrayDeque<>();
  private final Map<String, ServedTicket> servedTickets = new LinkedHashMap<>();

  /** Per reservation, the warm clusters it wants per environment. */
  private final Map<String, Map<String, Integer>> reservations = new LinkedHashMap<>();

  /** The clusters this process is creating now (the store says which any process is). */
  private final Set<String> creating = ConcurrentHashMap.newKeySet();

  /** How deep the current thread is in locked(); guarded by this. */
  private int depth;

  public ClusterPool(
      ClusterRuntime runtime,
      ClusterStore store,
      Executor executor,
      Clock clock,
      Supplier<String> ids,
      Set<String> environments,
      Settings settings) {
    this.runtime = runtime;
    this.store = store;
    this.executor = executor;
    this.clock = clock;
    this.ids = ids;
    this.environments = Set.copyOf(environments);
    this.settings = settings;
    for (String env : settings.warmPool().keySet()) {
      if (!this.environments.contains(env)) {
        throw new IllegalArgumentException("warm pool for unknown environment '" + env + "'");
      }
    }
  }

  /**
   * Asks for a cluster of {@code environment} for {@code owner}: a warm one at once, a new one if
   * the host has room, otherwise a place in the queue, or a refusal when the queue is full.
   */
  public Answer request(String owner, String environment) {
    return request(owner, environment, null);
  }

  /**
   * As {@link #request(String, String)}, taking first a warm cluster of {@code reservation} (null
   * for none), which then wants one fewer.
   */
  public Answer request(String owner, String environment, String reservation) {
    return locked(
        () -> {
          if (!environments.contains(environment)) {
            return new Refused(
                "There is no kind sandbox for environment '"
                    + environment
                    + "'; known: "
                    + environments.stream().sorted().toList()
                    + ".");
          }
          // A reservation's own cluster takes no shared slot: its learner need not queue behind
          // others.
          boolean ownCluster =
              reservation != null && reservedCluster(reservation, environment).isPresent();
          if (queue.isEmpty() || ownCluster) {
            Optional<Cluster> granted = grant(owner, environment, reservation);
            if (granted.isPresent()) {
              replenish();
              return new Granted(view(clusters.get(granted.get().id)));
            }
          }
          if (queue.size() >= settings.queueCapacity()) {
            return new Refused(
                "All "
                    + settings.maxClusters()
                    + " sandbox clusters of this host are in use and "
                    + queue.size()
                    + " requests are already waiting. Please try again in a few minutes.");
          }
          Ticket ticket = new Ticket("q-" + ids.get(), owner, environment, reservation);
          queue.addLast(ticket);
          return new Queued(ticket.id(), queue.size());
        });
  }

  /** Where a queued request stands now. */
  public TicketStatus ticket(String ticketId) {
    return locked(
        () -> {
          int position = 1;
          for (Ticket t : queue) {
            if (t.id().equals(ticketId)) {
              return new Waiting(position);
            }
            position++;
          }
          ServedTicket served = servedTickets.get(ticketId);
          String leaseId = served == null ? null : served.lease();
          Cluster cluster = leaseId == null ? null : clusters.get(leaseId);
          return cluster == null ? new Gone() : new Served(view(cluster));
        });
  }

  /** Withdraws a queued request; true if it was still waiting. */
  public boolean cancel(String ticketId) {
    return locked(
        () -> {
          boolean removed = queue.removeIf(t -> t.id().equals(ticketId));
          if (removed) {
            serveQueue();
            replenish();
          }
          return removed;
        });
  }

  /** Where {@code owner}'s queued request stands (1 is next), if one is waiting. */
  public Optional<Integer> queuePosition(String owner) {
    return locked(
        () -> {
          int position = 1;
          for (Ticket t : queue) {
            if (t.owner().equals(owner)) {
              return Optional.of(position);
            }
            position++;
          }
          return Optional.empty();
        });
  }

  /**
   * Gives up all {@code owner} holds: its waiting request leaves the queue, its lease ends.
   * Repeatable: with nothing held it does nothing.
   */
  public void withdraw(String owner) {
    locked(
        () -> {
          boolean left = queue.removeIf(t -> t.owner().equals(owner));
          for (Cluster c : List.copyOf(clusters.values())) {
            if (owner.equals(c.owner)) {
              remove(c);
              left = true;
            }
          }
          if (left) {
            serveQueue();
            replenish();
          }
          return null;
        });
  }

  /** A lease by id, if it is still held. */
  public Optional<Lease> lease(String id) {
    return locked(
        () -> {
          Cluster cluster = clusters.get(id);
          return cluster == null || cluster.owner == null
              ? Optional.empty()
              : Optional.of(view(cluster));
        });
  }

  /** The lease {@code owner} holds, if any (an owner asks for one cluster at a time). */
  public Optional<Lease> leaseOf(String owner) {
    return locked(
        () -> {
          for (Cluster c : clusters.values()) {
            if (owner.equals(c.owner)) {
              return Optional.of(view(c));
            }
          }
          return Optional.empty();
        });
  }

  /** The install step a lease's cluster is at while it is being created. */
  public Optional<InstallPlanRunner.Progress> progress(String id) {
    boolean provisioning =
        locked(
            () -> {
              Cluster c = clusters.get(id);
              return c != null && c.state == State.PROVISIONING;
            });
    return provisioning ? runtime.progress(id) : Optional.empty();
  }

  /** Records activity on a lease (a kubectl call, a check), pushing back idle reaping. */
  public void touch(String id) {
    locked(
        () -> {
          Cluster cluster = clusters.get(id);
          if (cluster != null && cluster.owner != null) {
            cluster.lastActivity = clock.instant();
          }
          return null;
        });
  }

  /**
   * Extends a ready lease by {@code by}, but never beyond its grant time plus the maximum lifetime.
   *
   * @return the new expiry, or empty if there is no such ready lease
   */
  public Optional<Instant> extend(String id, Duration by) {
    return locked(
        () -> {
          Cluster cluster = clusters.get(id);
          if (cluster == null || cluster.state != State.LEASED || by.isNegative()) {
            return Optional.empty();
          }
          Instant limit = cluster.grantedAt.plus(settings.maxLifetime());
          Instant wanted = cluster.expiresAt.plus(by);
          cluster.expiresAt = wanted.isAfter(limit) ? limit : wanted;
          cluster.lastActivity = clock.instant();
          return Optional.of(cluster.expiresAt);
        });
  }

  /** Ends a lease: the cluster is destroyed, its slot goes to the queue or the warm pool. */
  public boolean release(String id) {
    return locked(
        () -> {
          Cluster cluster = clusters.get(id);
          if (cluster == null || cluster.owner == null) {
            return false;
          }
          remove(cluster);
          serveQueue();
          replenish();
          return true;
        });
  }

  /**
   * Ends leases past their expiry or idle too long, and failed ones older than the TTL.
   *
   * @return the ids of the leases ended
   */
  public List<String> reap() {
    return locked(
        () -> {
          Instant now = clock.instant();
          List<String> reaped = new ArrayList<>();
          for (Cluster cluster : List.copyOf(clusters.values())) {
            boolean expired =
                cluster.state == State.LEASED
                    && (!now.isBefore(cluster.expiresAt)
                        || !now.isBefore(cluster.lastActivity.plus(settings.idleTimeout())));
            boolean staleFailure =
                cluster.state == State.FAILED
                    && !now.isBefore(cluster.grantedAt.plus(settings.ttl()));
            boolean abandoned =
                (cluster.state == State.WARMING
                        || cluster.state == State.PROVISIONING
                        || cluster.state == State.RETIRING)
                    && !creating.contains(cluster.id)
                    && !now.isBefore(cluster.createdAt.plus(settings.creationTimeout()));
            if (abandoned) {
              abandon(cluster);
              reaped.add(cluster.id);
              continue;
            }
            if (expired || staleFailure) {
              LOG.infof(
                  "Reaping sandbox cluster %s of %s (%s)",
                  cluster.id,
                  cluster.owner,
                  staleFailure ? "failed" : now.isBefore(cluster.expiresAt) ? "idle" : "expired");
              remove(cluster);
              reaped.add(cluster.id);
            }
          }
          if (!reaped.isEmpty()) {
            serveQueue();
          }
          replenish();
          return reaped;
        });
  }

  /**
   * Matches what the runtime holds with what the store remembers, once at start: a ready cluster
   * whose container is gone is forgotten (its lease ends), a container nobody remembers is removed,
   * warm clusters beyond their pool or the host's capacity go. Clusters remembered as being created
   * are left to the replica creating them; when the store is not shared, that was an earlier run of
   * this process, so they failed (or, warm, go) now, with a reason.
   *
   * @return the ids of the clusters still held afterwards
   */
  public List<String> reconcile() {
    return locked(
        () -> {
          Set<String> alive = new HashSet<>(runtime.list());
          Set<String> orphans = new HashSet<>(alive);
          orphans.removeAll(clusters.keySet());
          boolean alone = !store.shared();
          for (Cluster c : List.copyOf(clusters.values())) {
            boolean beingCreated = c.state == State.WARMING || c.state == State.PROVISIONING;
            if (beingCreated && alone) {
              abandon(c);
            } else if (!beingCreated
                && c.state != State.RETIRING
                && c.state != State.FAILED
                && !alive.contains(c.id)) {
              LOG.infof("Sandbox cluster %s of %s is gone; forgetting it", c.id, c.owner);
              forget(c);
            }
          }
          for (String orphan : orphans) {
            LOG.infof("Removing sandbox cluster %s that no replica remembers", orphan);
            destroyLater(orphan);
          }
          // Leases first: a warm cluster only keeps what the learners leave; the oldest stay.
          Map<String, Integer> kept = new LinkedHashMap<>();
          for (Cluster c : List.copyOf(clusters.values())) {
            if (c.state == State.WARM && c.reservedFor == null) {
              int n = kept.merge(c.environment, 1, Integer::sum);
              if (n > settings.warmPool().getOrDefault(c.environment, 0)
                  || used() > settings.maxClusters()) {
                remove(c);
              }
            }
          }
          serveQueue();
          replenish();
          return List.copyOf(clusters.keySet());
        });
  }

  /** Current counts. */
  public Snapshot snapshot() {
    return locked(
        () -> {
          Map<String, Integer> warm = new LinkedHashMap<>();
          for (String env : environments.stream().sorted().toList()) {
            warm.put(env, warmCount(env));
          }
          int leased = 0;
          int provisioning = 0;
          int reserved = 0;
          for (Cluster c : clusters.values()) {
            if (c.state == State.LEASED) {
              leased++;
            } else if (c.state == State.PROVISIONING || c.state == State.RETIRING) {
              provisioning++;
            } else if (c.reservedFor != null && c.holdsCapacity()) {
              reserved++;
            }
          }
          return new Snapshot(
              settings.maxClusters(), leased, provisioning, warm, reserved, queue.size());
        });
  }

  /**
   * Keeps warm clusters for {@code holder}: {@code wanted} per environment, replacing what it asked
   * before. Clusters it no longer wants are destroyed; new ones are created while the host has room
   * (after the queue, before the environments' own warm pools).
   *
   * @throws IllegalArgumentException for an environment this pool does not serve
   */
  public void reserve(String holder, Map<String, Integer> wanted) {
    locked(
        () -> {
          for (Map.Entry<String, Integer> e : wanted.entrySet()) {
            if (!environments.contains(e.getKey()) || e.getValue() < 0) {
              throw new IllegalArgumentException(
                  "cannot reserve " + e.getValue() + " clusters of '" + e.getKey() + "'");
            }
          }
          Map<String, Integer> kept = new LinkedHashMap<>(wanted);
          kept.values().removeIf(n -> n == 0);
          if (kept.isEmpty()) {
            reservations.remove(holder);
          } else {
            reservations.put(holder, kept);
          }
          trim(holder);
          serveQueue();
          replenish();
          return null;
        });
  }

  /** Ends {@code holder}'s reservation: its warm clusters are destroyed. Repeatable. */
  public void endReservation(String holder) {
    reserve(holder, Map.of());
  }

  /** The holders of reservations, and of warm clusters adopted for one after a restart. */
  public Set<String> reservationHolders() {
    return locked(
        () -> {
          Set<String> holders = new java.util.TreeSet<>(reservations.keySet());
          for (Cluster c : clusters.values()) {
            if (c.reservedFor != null) {
              holders.add(c.reservedFor);
            }
          }
          return holders;
        });
  }

  /** Where {@code holder}'s reservation stands (all zero if it has none). */
  public Reservation reservation(String holder) {
    return locked(
        () -> {
          int ready = 0;
          int starting = 0;
          for (Cluster c : clusters.values()) {
            if (holder.equals(c.reservedFor)) {
              if (c.state == State.WARM) {
                ready++;
              } else if (c.state == State.WARMING) {
                starting++;
              }
            }
          }
          int wanted =
              reservations.getOrDefault(holder, Map.of()).values().stream()
                  .mapToInt(Integer::intValue)
                  .sum();
          return new Reservation(wanted, ready, starting, settings.maxClusters());
        });
  }

  // ---- internals, all called with the lock held ----

  /**
   * Hands the owner a warm cluster (its reservation's first, one still being created for it next,
   * then the environment's own), or starts a new one if the host has room.
   */
  private Optional<Cluster> grant(String owner, String environment, String reservation) {
    Instant now = clock.instant();
    Optional<Cluster> reserved =
        reservation == null ? Optional.empty() : reservedCluster(reservation, environment);
    if (reserved.isPresent()) {
      Cluster c = reserved.get();
      c.reservedFor = null;
      lease(c, owner, now);
      reservations.computeIfPresent(
          reservation,
          (holder, wanted) -> {
            wanted.computeIfPresent(environment, (env, n) -> n > 1 ? n - 1 : null);
            return wanted.isEmpty() ? null : wanted;
          });
      if (c.state == State.WARMING) {
        // Its creation carries on; the lease's lifetime starts when it is ready.
        c.state = State.PROVISIONING;
        return Optional.of(c);
      }
      c.state = State.LEASED;
      c.expiresAt = now.plus(settings.ttl());
      return Optional.of(c);
    }
    for (Cluster c : clusters.values()) {
      if (c.state == State.WARM && c.reservedFor == null && c.environment.equals(environment)) {
        lease(c, owner, now);
        c.state = State.LEASED;
        c.expiresAt = now.plus(settings.ttl());
        return Optional.of(c);
      }
    }
    if (used() >= settings.maxClusters() && !evictWarmOtherThan(environment)) {
      return Optional.empty();
    }
    Cluster c = new Cluster("kind-" + ids.get(), environment, State.PROVISIONING, now);
    lease(c, owner, now);
    clusters.put(c.id, c);
    provision(c);
    return Optional.of(c);
  }

  private void lease(Cluster c, String owner, Instant now) {
    c.owner = owner;
    c.grantedAt = now;
    c.lastActivity = now;
  }

  /** A ready warm cluster of the reservation, else one still being created for it. */
  private Optional<Cluster> reservedCluster(String reservation, String environment) {
    Cluster starting = null;
    for (Cluster c : clusters.values()) {
      if (reservation.equals(c.reservedFor) && c.environment.equals(environment)) {
        if (c.state == State.WARM) {
          return Optional.of(c);
        }
        if (c.state == State.WARMING && starting == null) {
          starting = c;
        }
      }
    }
    return Optional.ofNullable(starting);
  }

  /**
   * Frees a slot held by a warm cluster of another environment (a request beats a spare); a
   * reservation's clusters are kept for the crowd they were made for.
   */
  private boolean evictWarmOtherThan(String environment) {
    for (Cluster c : List.copyOf(clusters.values())) {
      if (c.state == State.WARM && c.reservedFor == null && !c.environment.equals(environment)) {
        remove(c);
        return true;
      }
    }
    return false;
  }

  private void serveQueue() {
    while (!queue.isEmpty()) {
      Ticket head = queue.peekFirst();
      Optional<Cluster> granted = grant(head.owner(), head.environment(), head.reservation());
      if (granted.isEmpty()) {
        return;
      }
      queue.removeFirst();
      servedTickets.put(head.id(), new ServedTicket(head, granted.get().id));
    }
  }

  /** Destroys the warm clusters of a holder beyond what it wants, those still starting first. */
  private void trim(String holder) {
    Map<String, Integer> wanted = reservations.getOrDefault(holder, Map.of());
    Map<String, Integer> kept = new LinkedHashMap<>();
    List<Cluster> mine = new ArrayList<>();
    for (Cluster c : clusters.values()) {
      if (holder.equals(c.reservedFor) && (c.state == State.WARMING || c.state == State.WARM)) {
        mine.add(c);
      }
    }
    // Ready ones are the most valuable: keep them, give up those still being created.
    mine.sort((a, b) -> Boolean.compare(a.state == State.WARMING, b.state == State.WARMING));
    for (Cluster c : mine) {
      int n = kept.merge(c.environment, 1, Integer::sum);
      if (n > wanted.getOrDefault(c.environment, 0)) {
        remove(c);
      }
    }
  }

  /**
   * Tops up each reservation, then each warm pool, while the host has room and nobody is waiting.
   */
  private void replenish() {
    for (Map.Entry<String, Map<String, Integer>> holder : reservations.entrySet()) {
      for (Map.Entry<String, Integer> target : holder.getValue().entrySet()) {
        while (queue.isEmpty()
            && warmCount(holder.getKey(), target.getKey()) < target.getValue()
            && used() < settings.maxClusters()) {
          Cluster c =
              new Cluster("kind-" + ids.get(), target.getKey(), State.WARMING, clock.instant());
          c.reservedFor = holder.getKey();
          clusters.put(c.id, c);
          provision(c);
        }
      }
    }
    for (Map.Entry<String, Integer> target : settings.warmPool().entrySet()) {
      while (queue.isEmpty()
          && warmCount(target.getKey()) < target.getValue()
          && used() < settings.maxClusters()) {
        Cluster c =
            new Cluster("kind-" + ids.get(), target.getKey(), State.WARMING, clock.instant());
        clusters.put(c.id, c);
        provision(c);
      }
    }
  }

  private void provision(Cluster cluster) {
    String id = cluster.id;
    String environment = cluster.environment;
    creating.add(id);
    executor.execute(
        () -> {
          try {
            ClusterHandle handle = runtime.create(id, environment);
            provisioned(id, handle);
          } catch (Exception e) {
            failed(id, e);
          }
        });
  }

  private void provisioned(String id, ClusterHandle handle) {
    locked(
        () -> {
          creating.remove(id);
          Cluster c = clusters.get(id);
          if (c == null || c.state == State.RETIRING) {
            // Released or reaped while it was being created: only now is its slot free.
            retired(id);
            return null;
          }
          if (c.state == State.FAILED) {
            // Given up as abandoned (it took longer than the creation timeout): not handed out.
            destroyLater(id);
            return null;
          }
          Instant now = clock.instant();
          c.kubeconfig = handle.kubeconfig();
          if (c.state == State.WARMING) {
            c.state = State.WARM;
            serveQueue();
          } else {
            c.state = State.LEASED;
            // The lifetime starts when the learner can use the cluster.
            c.expiresAt = now.plus(settings.ttl());
            c.lastActivity = now;
          }
          return null;
        });
  }

  private void failed(String id, Exception e) {
    locked(
        () -> {
          creating.remove(id);
          Cluster c = clusters.get(id);
          String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
          LOG.warnf("Sandbox cluster %s could not be provisioned: %s", id, message);
          if (c == null || c.state == State.RETIRING) {
            retired(id);
            return null;
          }
          destroyLater(id);
          if (c.state == State.WARMING) {
            clusters.remove(id);
          } else {
            c.state = State.FAILED;
            c.error = message;
            c.failedStep = e instanceof InstallPlanRunner.StepFailedException f ? f.step() : null;
          }
          serveQueue();
          return null;
        });
  }

  private void remove(Cluster c) {
    servedTickets.values().removeIf(t -> t.lease().equals(c.id));
    if (c.state == State.WARMING || c.state == State.PROVISIONING) {
      // Still being created: it keeps its slot, or the host would run one cluster too many.
      c.state = State.RETIRING;
      c.owner = null;
      c.reservedFor = null;
      return;
    }
    clusters.remove(c.id);
    if (c.state != State.FAILED) {
      destroyLater(c.id);
    }
  }

  /**
   * A cluster whose creation no process is carrying on any more: a lease's becomes a failure with a
   * reason, a warm or retiring one goes. Its container (if any) is removed.
   */
  private void abandon(Cluster c) {
    LOG.warnf("Sandbox cluster %s was being created by a service that stopped; giving it up", c.id);
    destroyLater(c.id);
    if (c.state == State.PROVISIONING) {
      c.state = State.FAILED;
      c.error = INTERRUPTED;
      return;
    }
    servedTickets.values().removeIf(t -> t.lease().equals(c.id));
    clusters.remove(c.id);
  }

  /** A cluster whose container is gone: nothing to destroy, its slot is free. */
  private void forget(Cluster c) {
    servedTickets.values().removeIf(t -> t.lease().equals(c.id));
    clusters.remove(c.id);
  }

  /** A retiring cluster's creation has returned: it goes, and its slot with it. */
  private void retired(String id) {
    clusters.remove(id);
    destroyLater(id);
    serveQueue();
    replenish();
  }

  private void destroyLater(String id) {
    executor.execute(() -> runtime.destroy(id));
  }

  private int used() {
    int used = 0;
    for (Cluster c : clusters.values()) {
      if (c.holdsCapacity()) {
        used++;
      }
    }
    return used;
  }

  /** The environment's own warm clusters (not a reservation's). */
  private int warmCount(String environment) {
    return warmCount(null, environment);
  }

  private int warmCount(String reservedFor, String environment) {
    int n = 0;
    for (Cluster c : clusters.values()) {
      if ((c.state == State.WARM || c.state == State.WARMING)
          && c.environment.equals(environment)
          && java.util.Objects.equals(c.reservedFor, reservedFor)) {
        n++;
      }
    }
    return n;
  }

  private static Lease view(Cluster c) {
    Status status =
        switch (c.state) {
          case LEASED -> Status.READY;
          case FAILED -> Status.FAILED;
          default -> Status.PROVISIONING;
        };
    return new Lease(
        c.id,
        c.environment,
        c.owner,
        status,
        status == Status.READY ? c.kubeconfig : null,
        c.grantedAt,
        c.expiresAt,
        c.lastActivity,
        c.error,
        c.failedStep);
  }

  /**
   * Runs {@code work} on the state as stored, holding the store's lock (so one pool of the fleet at
   * a time), and stores what it leaves. Work that re-enters (a task an executor ran at once) shares
   * the outer working copy.
   */
  private synchronized <T> T locked(Supplier<T> work) {
    if (depth > 0) {
      return work.get();
    }
    return store.locked(
        rows -> {
          load(rows);
          depth++;
          try {
            T value = work.get();
            return new Outcome<>(dump(), value);
          } finally {
            depth--;
          }
        });
  }

  private void load(PoolRows rows) {
    clusters.clear();
    queue.clear();
    servedTickets.clear();
    reservations.clear();
    for (ClusterRecord r : rows.clusters()) {
      Cluster c = new Cluster(r.id(), r.environment(), State.valueOf(r.state()), r.createdAt());
      c.reservedFor = r.reservedFor();
      c.owner = r.owner();
      c.kubeconfig = r.kubeconfig();
      c.grantedAt = r.grantedAt();
      c.expiresAt = r.expiresAt();
      c.lastActivity = r.lastActivity();
      c.error = r.error();
      c.failedStep = r.failedStep();
      clusters.put(c.id, c);
    }
    for (TicketRecord r : rows.tickets()) {
      Ticket t = new Ticket(r.id(), r.owner(), r.environment(), r.reservation());
      if (r.servedLease() == null) {
        queue.addLast(t);
      } else {
        servedTickets.put(t.id(), new ServedTicket(t, r.servedLease()));
      }
    }
    for (ReservationRecord r : rows.reservations()) {
      reservations
          .computeIfAbsent(r.holder(), h -> new LinkedHashMap<>())
          .put(r.environment(), r.wanted());
    }
  }

  private PoolRows dump() {
    List<ClusterRecord> clusterRows = new ArrayList<>();
    for (Cluster c : clusters.values()) {
      clusterRows.add(
          new ClusterRecord(
              c.id,
              c.environment,
              c.state.name(),
              c.reservedFor,
              c.owner,
              c.kubeconfig,
              c.createdAt,
              c.grantedAt,
              c.expiresAt,
              c.lastActivity,
              c.error,
              c.failedStep));
    }
    List<TicketRecord> ticketRows = new ArrayList<>();
    for (Ticket t : queue) {
      ticketRows.add(new TicketRecord(t.id(), t.owner(), t.environment(), t.reservation(), null));
    }
    for (ServedTicket served : servedTickets.values()) {
      Ticket t = served.ticket();
      ticketRows.add(
          new TicketRecord(t.id(), t.owner(), t.environment(), t.reservation(), served.lease()));
    }
    List<ReservationRecord> reservationRows = new ArrayList<>();
    reservations.forEach(
        (holder, wanted) ->
            wanted.forEach((env, n) -> reservationRows.add(new ReservationRecord(holder, env, n))));
    return new PoolRows(clusterRows, ticketRows, reservationRows);
  }

  /** For tests and diagnostics: the ids of every cluster the pool holds. */
  List<String> clusterIds() {
    return locked(
        () -> {
          return List.copyOf(clusters.keySet());
        });
  }
}

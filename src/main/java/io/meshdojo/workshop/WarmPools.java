package io.meshdojo.workshop;

import io.meshdojo.fleet.FleetOnce;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.sandbox.SandboxBackends;
import io.meshdojo.sandbox.WarmReservations;
import io.meshdojo.sandbox.WarmReservations.Standing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps sandboxes ready for workshops whose backend takes minutes to start one: from {@code
 * meshdojo.workshop.warm-lead} before a workshop starts until it ends, a share of its capacity is
 * reserved per environment its labs use, through the backend's {@link WarmReservations}. Enrolled
 * learners' sandboxes take from it first ({@link WorkshopSandboxes} names the reservation); a
 * learner who already started a sandbox in an environment is not counted again. The job runs once
 * across the fleet and records what it saw per workshop, which the board shows.
 */
@ApplicationScoped
public class WarmPools {

  static final String JOB = "workshop-warm-pools";
  static final String HOLDER_PREFIX = "workshop-";

  private static final Logger LOG = Logger.getLogger(WarmPools.class);

  /** The reservation a workshop's sandboxes take from. */
  public static String holder(long workshopId) {
    return HOLDER_PREFIX + workshopId;
  }

  private final WorkshopRepository workshops;
  private final WarmPoolRepository pools;
  private final WorkshopSessionRepository sessions;
  private final LabService labs;
  private final SandboxBackends backends;
  private final WarmPoolConfig config;
  private final FleetOnce once;
  private final WorkshopEvents events;

  public WarmPools(
      WorkshopRepository workshops,
      WarmPoolRepository pools,
      WorkshopSessionRepository sessions,
      LabService labs,
      SandboxBackends backends,
      WarmPoolConfig config,
      FleetOnce once,
      WorkshopEvents events) {
    this.workshops = workshops;
    this.pools = pools;
    this.sessions = sessions;
    this.labs = labs;
    this.backends = backends;
    this.config = config;
    this.once = once;
    this.events = events;
  }

  @Scheduled(
      every = "${meshdojo.workshop.warm-every:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    once.run(JOB, config.warmEvery(), () -> sweep(Instant.now()));
  }

  /**
   * One pass: reserves for every workshop within its lead time, ends the reservations of workshops
   * that are over (or gone), and records where each stands.
   */
  public void sweep(Instant now) {
    Optional<WarmReservations> backend = backends.forNewSandbox().warmReservations();
    List<Workshop> current =
        QuarkusTransaction.requiringNew().call(() -> workshops.notEndedAt(now));
    Set<String> kept = new HashSet<>();
    for (Workshop w : current) {
      Standing standing = new Standing(0, 0, 0, 0);
      String state;
      if (backend.isEmpty()) {
        state = WarmPool.NOT_NEEDED;
      } else if (now.isBefore(w.startsAt.minus(config.warmLead()))) {
        state = WarmPool.SCHEDULED;
      } else {
        state = WarmPool.RESERVING;
        Map<String, Integer> wanted = QuarkusTransaction.requiringNew().call(() -> wanted(w));
        try {
          backend.get().reserve(holder(w.id), wanted);
          kept.add(holder(w.id));
          standing = backend.get().standing(holder(w.id));
        } catch (RuntimeException e) {
          LOG.warnf(e, "Reserving warm sandboxes for workshop %d failed", w.id);
        }
      }
      record(w.id, state, standing, now);
    }
    if (backend.isPresent()) {
      for (String holder : backend.get().holders()) {
        if (holder.startsWith(HOLDER_PREFIX) && !kept.contains(holder)) {
          backend.get().end(holder);
        }
      }
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Set<Long> open = new HashSet<>();
              current.forEach(w -> open.add(w.id));
              for (WarmPool p : pools.list("state", WarmPool.RESERVING)) {
                if (!open.contains(p.workshopId)) {
                  p.state = WarmPool.RELEASED;
                  p.wanted = 0;
                  p.ready = 0;
                  p.starting = 0;
                  p.checkedAt = now;
                  events.publish(
                      new WorkshopEvents.Change(p.workshopId, WorkshopEvents.Kind.WORKSHOP, 0));
                }
              }
            });
  }

  /**
   * Per environment of the workshop's labs: the share of its capacity, but never more than the
   * learners who have not yet started a sandbox in that environment.
   */
  Map<String, Integer> wanted(Workshop w) {
    int perEnvironment = (int) Math.ceil(share(w.id) * w.capacity);
    Map<String, String> environmentOf = new HashMap<>();
    Map<String, Integer> wanted = new LinkedHashMap<>();
    for (String labId : w.labIds()) {
      labs.find(labId).map(Lab::environment).ifPresent(env -> environmentOf.put(labId, env));
    }
    Map<String, Set<Long>> started = new HashMap<>();
    for (WorkshopSession s : sessions.of(w.id, null)) {
      String env = environmentOf.get(s.labId);
      if (env != null) {
        started.computeIfAbsent(env, e -> new HashSet<>()).add(s.accountId);
      }
    }
    for (String env : environmentOf.values()) {
      int left = w.capacity - started.getOrDefault(env, Set.of()).size();
      wanted.put(env, Math.max(0, Math.min(perEnvironment, left)));
    }
    return wanted;
  }

  /** The workshop's own share, or the service's default. */
  double share(long workshopId) {
    return pools
        .findByIdOptional(workshopId)
        .map(p -> p.share)
        .filter(s -> s != null)
        .orElse(config.warmShare());
  }

  /** Sets (or with null, clears) a workshop's own share. */
  void setShare(long workshopId, Double share) {
    WarmPool p = pools.of(workshopId);
    p.share = share;
    pools.persist(p);
  }

  void forget(long workshopId) {
    pools.deleteById(workshopId);
  }

  /** The board's line: as the job last recorded it, or what it will be before its first pass. */
  Board.Warm view(Workshop w) {
    Optional<WarmPool> row = pools.findByIdOptional(w.id);
    String state =
        row.map(p -> p.state)
            .orElse(
                backends.forNewSandbox().warmReservations().isPresent()
                    ? WarmPool.SCHEDULED
                    : WarmPool.NOT_NEEDED);
    return new Board.Warm(
        state,
        share(w.id),
        w.startsAt.minus(config.warmLead()),
        row.map(p -> p.wanted).orElse(0),
        row.map(p -> p.ready).orElse(0),
        row.map(p -> p.starting).orElse(0),
        row.map(p -> p.hostLimit).orElse(0),
        row.map(p -> p.checkedAt).orElse(null));
  }

  private void record(long workshopId, String state, Standing s, Instant now) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              WarmPool p = pools.of(workshopId);
              boolean changed =
                  !state.equals(p.state)
                      || p.wanted != s.wanted()
                      || p.ready != s.ready()
                      || p.starting != s.starting()
                      || p.checkedAt == null;
              p.state = state;
              p.wanted = s.wanted();
              p.ready = s.ready();
              p.starting = s.starting();
              p.hostLimit = s.hostLimit();
              p.checkedAt = now;
              pools.persist(p);
              if (changed) {
                events.publish(
                    new WorkshopEvents.Change(workshopId, WorkshopEvents.Kind.WORKSHOP, 0));
              }
            });
  }
}

package io.meshdojo.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@ApplicationScoped
public class SandboxSessionRepository implements PanacheRepositoryBase<SandboxSession, String> {

  /** The phases of a finished sandbox, as a query's literal list. */
  private static final String FINISHED_PHASES =
      Stream.of(SandboxPhase.ENDED, SandboxPhase.EXPIRED, SandboxPhase.FAILED)
          .map(p -> "'" + p.name() + "'")
          .collect(Collectors.joining(", ", "(", ")"));

  public Optional<SandboxSession> findByTokenHash(String tokenHash) {
    return find("tokenHash", tokenHash).firstResultOptional();
  }

  /** The session, locked until the transaction ends: writes to one sandbox happen one by one. */
  public Optional<SandboxSession> lock(String id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * The sandbox's change version (0 for none): every write to its objects raises it. Only the
   * column, read in one query.
   */
  public long resourceVersion(String id) {
    return getEntityManager()
        .createQuery("select s.resourceVersion from SandboxSession s where s.id = ?1", Long.class)
        .setParameter(1, id)
        .getResultStream()
        .findFirst()
        .orElse(0L);
  }

  public List<SandboxSession> ofAccount(long accountId) {
    return list("accountId", accountId);
  }

  /**
   * Whether the account named {@code username} has a live sandbox whose lab_id starts with {@code
   * prefix}: one query, the account looked up inside it.
   */
  public boolean anyLive(String username, String prefix, Instant now) {
    // This runs before every Check, so Hibernate must be able to keep its translation: it
    // translates anew on every run both the count query Panache's count() derives and any query
    // with a list parameter, hence one id asked for and the finished phases written in.
    return !getEntityManager()
        .createQuery(
            "select s.id from SandboxSession s where s.accountId = (select a.id from Account a"
                + " where a.username = ?1) and s.labId like ?2 and s.desired = ?3"
                + " and s.phase not in "
                + FINISHED_PHASES
                + " and s.expiresAt > ?4",
            String.class)
        .setParameter(1, username)
        .setParameter(2, prefix + "%")
        .setParameter(3, SandboxPhase.READY.name())
        .setParameter(4, now)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** How many sandboxes of the account are wanted, unfinished and within their time. */
  public long countLive(long accountId, Instant now) {
    return count(
        "accountId = ?1 and desired = ?2 and phase not in (?3) and expiresAt > ?4",
        accountId,
        SandboxPhase.READY.name(),
        List.of(SandboxPhase.ENDED.name(), SandboxPhase.EXPIRED.name(), SandboxPhase.FAILED.name()),
        now);
  }

  /** Sandboxes the reconciler should look at now: a step is due, or their time is up. */
  public List<String> due(Instant now, int limit) {
    return getEntityManager()
        .createQuery(
            "select s.id from SandboxSession s where s.nextReconcileAt <= ?1 or (s.desired = ?2"
                + " and s.phase not in (?3) and s.expiresAt <= ?1) order by s.nextReconcileAt",
            String.class)
        .setParameter(1, now)
        .setParameter(2, SandboxPhase.READY.name())
        .setParameter(3, List.of(SandboxPhase.FAILED.name(), SandboxPhase.ENDED.name()))
        .setMaxResults(limit)
        .getResultList();
  }

  /** Sandboxes that were being prepared or released when the service last stopped. */
  public List<String> unsettled() {
    return getEntityManager()
        .createQuery(
            "select s.id from SandboxSession s where s.phase in (?1) or s.nextReconcileAt is not null",
            String.class)
        .setParameter(
            1,
            List.of(
                SandboxPhase.QUEUED.name(),
                SandboxPhase.PROVISIONING.name(),
                SandboxPhase.RESETTING.name()))
        .getResultList();
  }

  /**
   * Claims the sandbox for one reconcile until {@code until}, unless a reconcile elsewhere holds
   * it: one conditional UPDATE, so two never both win.
   */
  public boolean claim(String id, Instant now, Instant until) {
    return update(
            "claimedUntil = ?1 where id = ?2 and (claimedUntil is null or claimedUntil <= ?3)",
            until,
            id,
            now)
        == 1;
  }
}

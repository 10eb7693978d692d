package io.meshdojo.workshop;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class WorkshopRepository implements PanacheRepository<Workshop> {

  public Optional<Workshop> findByCode(String code) {
    return find("code", code).firstResultOptional();
  }

  /** The workshop, locked until the transaction ends: joins are counted one at a time. */
  public Optional<Workshop> lock(long id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /** The workshops the account owns or co-runs, newest first. */
  public List<Workshop> runBy(long accountId) {
    return getEntityManager()
        .createQuery(
            "select w from Workshop w where w.ownerId = ?1 or ?1 member of w.coInstructorIds"
                + " order by w.startsAt desc",
            Workshop.class)
        .setParameter(1, accountId)
        .getResultList();
  }

  public List<Workshop> newestFirst() {
    return listAll(Sort.descending("startsAt"));
  }

  /** The workshops not over at {@code now}, scheduled ones included. */
  public List<Workshop> notEndedAt(Instant now) {
    return list("endsAt > ?1 and (endedAt is null or endedAt > ?1) order by startsAt", now);
  }

  /** The workshops the account joined that have not ended by {@code now}. */
  public List<Workshop> joinedNotEnded(long accountId, Instant now) {
    return getEntityManager()
        .createQuery(
            "select w from Workshop w, Enrolment e where e.workshopId = w.id and e.accountId = ?1"
                + " and w.endsAt > ?2 and (w.endedAt is null or w.endedAt > ?2)"
                + " order by w.startsAt",
            Workshop.class)
        .setParameter(1, accountId)
        .setParameter(2, now)
        .getResultList();
  }
}

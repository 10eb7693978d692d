package io.meshdojo.workshop;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class EnrolmentRepository implements PanacheRepository<Enrolment> {

  public Optional<Enrolment> find(long workshopId, long accountId) {
    return find("workshopId = ?1 and accountId = ?2", workshopId, accountId).firstResultOptional();
  }

  public long countIn(long workshopId) {
    return count("workshopId", workshopId);
  }

  /** One learner's enrolment with their account name, if they joined. */
  public Optional<Object[]> withName(long workshopId, long accountId) {
    return getEntityManager()
        .createQuery(
            "select e, a.username from Enrolment e, Account a where a.id = e.accountId"
                + " and e.workshopId = ?1 and e.accountId = ?2",
            Object[].class)
        .setParameter(1, workshopId)
        .setParameter(2, accountId)
        .getResultStream()
        .findFirst();
  }

  /** The workshop's learners with their account names, in the order they joined. */
  public List<Object[]> withNames(long workshopId) {
    return getEntityManager()
        .createQuery(
            "select e, a.username from Enrolment e, Account a where a.id = e.accountId"
                + " and e.workshopId = ?1 order by e.joinedAt, e.id",
            Object[].class)
        .setParameter(1, workshopId)
        .getResultList();
  }
}

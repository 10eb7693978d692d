package io.meshdojo.grade;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class LabCheckRepository implements PanacheRepository<LabCheck> {

  private static final Sort NEWEST_FIRST = Sort.descending("checkedAt", "id");

  /** The account's latest checks of one lab, newest first. */
  public List<LabCheck> latest(long accountId, String labId, int limit) {
    return find("accountId = ?1 and labId = ?2", NEWEST_FIRST, accountId, labId)
        .page(Page.ofSize(limit))
        .list();
  }

  /** The account's latest checks of any lab, newest first. */
  public List<LabCheck> latest(long accountId, int limit) {
    return find("accountId", NEWEST_FIRST, accountId).page(Page.ofSize(limit)).list();
  }

  public Set<String> checkedLabs(long accountId) {
    return labs("select distinct c.labId from LabCheck c where c.accountId = ?1", accountId);
  }

  public Set<String> passedLabs(long accountId) {
    return labs(
        "select distinct c.labId from LabCheck c where c.accountId = ?1 and c.passed = true",
        accountId);
  }

  private Set<String> labs(String query, long accountId) {
    return getEntityManager()
        .createQuery(query, String.class)
        .setParameter(1, accountId)
        .getResultStream()
        .collect(Collectors.toSet());
  }
}

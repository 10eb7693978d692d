package io.meshdojo.workshop;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class WorkshopSessionRepository implements PanacheRepositoryBase<WorkshopSession, String> {

  /** The workshop's sandboxes, oldest first, optionally of one learner. */
  public List<WorkshopSession> of(long workshopId, Long accountId) {
    return accountId == null
        ? list("workshopId = ?1 order by startedAt", workshopId)
        : list("workshopId = ?1 and accountId = ?2 order by startedAt", workshopId, accountId);
  }

  /** The learner's newest sandbox for a lab of the workshop. */
  public Optional<WorkshopSession> newest(long workshopId, long accountId, String labId) {
    return find(
            "workshopId = ?1 and accountId = ?2 and labId = ?3 order by startedAt desc",
            workshopId,
            accountId,
            labId)
        .firstResultOptional();
  }
}

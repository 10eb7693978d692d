package io.meshdojo.workshop;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditEntry> {

  public List<AuditEntry> of(long workshopId) {
    return list("workshopId = ?1 order by recordedAt desc, id desc", workshopId);
  }

  /** Records an action in the caller's transaction, or in one of its own. */
  @Transactional
  public void record(long workshopId, String actor, String action, String target, String detail) {
    AuditEntry entry = new AuditEntry();
    entry.workshopId = workshopId;
    entry.actor = actor;
    entry.action = action;
    entry.target = target;
    entry.detail = detail;
    entry.recordedAt = Instant.now();
    persist(entry);
  }
}

package io.meshdojo.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SandboxSessionRepository implements PanacheRepositoryBase<SandboxSession, String> {

  public Optional<SandboxSession> findByTokenHash(String tokenHash) {
    return find("tokenHash", tokenHash).firstResultOptional();
  }

  /** The session, locked until the transaction ends: writes to one sandbox happen one by one. */
  public Optional<SandboxSession> lock(String id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  public List<SandboxSession> ofAccount(long accountId) {
    return list("accountId", accountId);
  }

  /** READY sessions whose time was up at {@code now}. */
  public List<SandboxSession> readyButDue(Instant now) {
    return list("status = ?1 and expiresAt <= ?2", SandboxStatus.READY.name(), now);
  }
}

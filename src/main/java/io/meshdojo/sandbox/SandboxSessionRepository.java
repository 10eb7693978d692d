package io.meshdojo.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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
}

package io.meshdojo.account;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AccountRepository implements PanacheRepository<Account> {

  public Optional<Account> findByUsername(String username) {
    return find("username", username).firstResultOptional();
  }

  /** Every admin account, locked until the transaction ends. */
  public List<Account> lockAdmins() {
    return find("role", Role.ADMIN_NAME).withLock(LockModeType.PESSIMISTIC_WRITE).list();
  }
}

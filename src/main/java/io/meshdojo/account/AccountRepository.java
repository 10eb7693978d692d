package io.meshdojo.account;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AccountRepository implements PanacheRepository<Account> {

  public Optional<Account> findByUsername(String username) {
    return find("username", username).firstResultOptional();
  }

  /** Every enabled admin account, locked until the transaction ends. */
  public List<Account> lockAdmins() {
    return find("role = ?1 and disabledAt is null", Role.ADMIN_NAME)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  /** Accounts whose name contains {@code text} (any case), by name, at most {@code limit}. */
  public List<Account> search(String text, int limit) {
    String literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return find("lower(username) like ?1 escape '\\' order by username", "%" + literal + "%")
        .page(Page.ofSize(limit))
        .list();
  }
}

package io.meshdojo.account;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

@ApplicationScoped
public class AccountRepository implements PanacheRepository<Account> {

  /** Ids found by name; see {@link #idOf}. */
  private final Map<String, Long> ids = new ConcurrentHashMap<>();

  public Optional<Account> findByUsername(String username) {
    return find("username", username).firstResultOptional();
  }

  /**
   * The id of the account named {@code username}. A name is given once, when its account is
   * created, and accounts are never deleted, so an id once found is remembered: the requests of a
   * signed-in learner (a Check, its history row) do not look the account up again and again.
   */
  public Optional<Long> idOf(String username) {
    Long id = ids.get(username);
    if (id != null) {
      return Optional.of(id);
    }
    Optional<Long> found = findByUsername(username).map(a -> a.id);
    found.ifPresent(i -> ids.put(username, i));
    return found;
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

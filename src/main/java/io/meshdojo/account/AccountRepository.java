package io.meshdojo.account;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class AccountRepository implements PanacheRepository<Account> {

  public Optional<Account> findByUsername(String username) {
    return find("username", username).firstResultOptional();
  }
}

package io.meshdojo.account;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class ThrottleRepository implements PanacheRepositoryBase<ThrottleWindow, String> {

  /** The bucket's counter, locked until the transaction ends. */
  public Optional<ThrottleWindow> lock(String bucket) {
    return findByIdOptional(bucket, LockModeType.PESSIMISTIC_WRITE);
  }
}

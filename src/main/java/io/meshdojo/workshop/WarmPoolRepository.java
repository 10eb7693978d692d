package io.meshdojo.workshop;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class WarmPoolRepository implements PanacheRepositoryBase<WarmPool, Long> {

  /** The workshop's row, made (not yet persisted) if it has none. */
  public WarmPool of(long workshopId) {
    return findByIdOptional(workshopId)
        .orElseGet(
            () -> {
              WarmPool p = new WarmPool();
              p.workshopId = workshopId;
              return p;
            });
  }
}

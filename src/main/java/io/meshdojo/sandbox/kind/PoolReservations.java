package io.meshdojo.sandbox.kind;

import io.meshdojo.sandbox.WarmReservations;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Warm reservations as the {@link ClusterPool} keeps them. While the pool is not running (no
 * Docker) nothing is kept and every reservation stands at zero.
 */
final class PoolReservations implements WarmReservations {

  private final Supplier<Optional<ClusterPool>> pool;

  PoolReservations(Supplier<Optional<ClusterPool>> pool) {
    this.pool = pool;
  }

  @Override
  public void reserve(String holder, Map<String, Integer> wanted) {
    pool.get().ifPresent(p -> p.reserve(holder, wanted));
  }

  @Override
  public void end(String holder) {
    pool.get().ifPresent(p -> p.endReservation(holder));
  }

  @Override
  public Set<String> holders() {
    return pool.get().map(ClusterPool::reservationHolders).orElse(Set.of());
  }

  @Override
  public Standing standing(String holder) {
    return pool.get()
        .map(p -> p.reservation(holder))
        .map(r -> new Standing(r.wanted(), r.ready(), r.starting(), r.maxClusters()))
        .orElse(new Standing(0, 0, 0, 0));
  }
}

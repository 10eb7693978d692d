package io.meshdojo.sandbox.kind;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A store kept in memory, for the pool's tests: one process, never shared. */
final class InMemoryClusterStore implements ClusterStore {

  private PoolRows rows = PoolRows.empty();

  @Override
  public synchronized <T> T locked(Function<PoolRows, Outcome<T>> work) {
    Outcome<T> outcome = work.apply(rows);
    rows = outcome.rows();
    return outcome.value();
  }

  @Override
  public boolean shared() {
    return false;
  }

  /** The clusters as stored, by id. */
  synchronized Map<String, ClusterRecord> records() {
    return rows.clusters().stream()
        .collect(
            Collectors.toMap(ClusterRecord::id, r -> r, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  /** Adds a cluster as a store written by an earlier run would hold it. */
  synchronized void save(ClusterRecord cluster) {
    List<ClusterRecord> clusters = new java.util.ArrayList<>(rows.clusters());
    clusters.removeIf(r -> r.id().equals(cluster.id()));
    clusters.add(cluster);
    rows = new PoolRows(clusters, rows.tickets(), rows.reservations());
  }
}

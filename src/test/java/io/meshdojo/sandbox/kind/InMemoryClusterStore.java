package io.meshdojo.sandbox.kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store kept in a map, for the pool's tests. */
final class InMemoryClusterStore implements ClusterStore {

  final Map<String, ClusterRecord> records = new LinkedHashMap<>();

  @Override
  public synchronized void save(ClusterRecord cluster) {
    records.put(cluster.id(), cluster);
  }

  @Override
  public synchronized void delete(String id) {
    records.remove(id);
  }

  @Override
  public synchronized List<ClusterRecord> all() {
    return new ArrayList<>(records.values());
  }
}

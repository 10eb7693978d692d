package io.meshdojo.sandbox.kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A fake runtime for the pool's tests: clusters are names in a set; creation can be made to fail.
 */
final class InMemoryClusterRuntime implements ClusterRuntime {

  final Set<String> live = new LinkedHashSet<>();
  final List<String> created = new ArrayList<>();
  final List<String> destroyed = new ArrayList<>();
  final Set<String> failingEnvironments = new LinkedHashSet<>();

  @Override
  public synchronized ClusterHandle create(String id, String environment) {
    if (failingEnvironments.contains(environment)) {
      throw new IllegalStateException("step 7 (helm install istiod) failed: image pull backoff");
    }
    live.add(id);
    created.add(id);
    return new ClusterHandle(id, "kubeconfig-of-" + id);
  }

  @Override
  public synchronized void destroy(String id) {
    live.remove(id);
    destroyed.add(id);
  }

  @Override
  public synchronized List<String> list() {
    return List.copyOf(live);
  }
}

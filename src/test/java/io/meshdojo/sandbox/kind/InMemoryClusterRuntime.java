package io.meshdojo.sandbox.kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A fake runtime for the pool's tests: clusters are names in a set; creation can be made to fail,
 * to fail at a named install step, or to wait for a gate while reporting install progress.
 */
final class InMemoryClusterRuntime implements ClusterRuntime {

  final Set<String> live = new LinkedHashSet<>();
  final List<String> created = new ArrayList<>();
  final List<String> destroyed = new ArrayList<>();
  final Set<String> failingEnvironments = new LinkedHashSet<>();

  /** Environment → the install step at which its creation fails. */
  final Map<String, String> failingSteps = new LinkedHashMap<>();

  /** The install step each cluster being created is at, set by the tests. */
  final Map<String, InstallPlanRunner.Progress> progress = new ConcurrentHashMap<>();

  /** While set, creation waits for it (outside the lock) before it finishes. */
  volatile CountDownLatch gate;

  /**
   * When set, a creation waits here after its install ended (its progress is gone) and before it
   * returns: the moment a real install spends between its last step and the cluster's hand-over.
   */
  volatile CountDownLatch handOver;

  /** Ids whose creation has started (and may be waiting for the gate). */
  final Set<String> started = ConcurrentHashMap.newKeySet();

  @Override
  public ClusterHandle create(String id, String environment) throws Exception {
    started.add(id);
    CountDownLatch waitFor = gate;
    if (waitFor != null) {
      waitFor.await();
    }
    progress.remove(id);
    CountDownLatch holdHandOver = handOver;
    if (holdHandOver != null) {
      holdHandOver.await();
    }
    synchronized (this) {
      if (failingEnvironments.contains(environment)) {
        throw new IllegalStateException("step 7 (helm install istiod) failed: image pull backoff");
      }
      String failing = failingSteps.get(environment);
      if (failing != null) {
        throw new InstallPlanRunner.StepFailedException(
            7, failing, new IllegalStateException("image pull backoff"));
      }
      live.add(id);
      created.add(id);
      return new ClusterHandle(id, "kubeconfig-of-" + id);
    }
  }

  @Override
  public Optional<InstallPlanRunner.Progress> progress(String id) {
    return Optional.ofNullable(progress.get(id));
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

  synchronized List<String> destroyed() {
    return List.copyOf(destroyed);
  }
}

package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.LearnerRights;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The kind provisioner over a real {@link ClusterPool} (one cluster at a time unless {@code
 * test.kind.max-clusters} says more, a queue of five) and the in-memory runtime, for tests of the
 * sessions API on the kind path without Docker. Enabled by a test profile; a singleton (no client
 * proxy) so tests reach its state.
 */
@Alternative
@Singleton
public class InMemoryKindProvisioner extends KindProvisioner {

  /** Everything the tests look at or steer. */
  static final class State {
    final InMemoryClusterRuntime runtime = new InMemoryClusterRuntime();
    final ExecutorService workers = Executors.newCachedThreadPool();
    final AtomicInteger ids = new AtomicInteger();
    final List<String> applied = new ArrayList<>();
    final ClusterPool pool =
        new ClusterPool(
            runtime,
            new InMemoryClusterStore(),
            workers,
            Clock.systemUTC(),
            () -> "t" + ids.incrementAndGet(),
            Set.of("bookinfo", "ecosystem"),
            new ClusterPool.Settings(
                ConfigProvider.getConfig()
                    .getOptionalValue("test.kind.max-clusters", Integer.class)
                    .orElse(1),
                Map.of(),
                5,
                Duration.ofHours(2),
                Duration.ofHours(8),
                Duration.ofHours(1)));

    void apply(String kubeconfig, List<ObjectNode> objects) {
      synchronized (applied) {
        for (ObjectNode o : objects) {
          applied.add(kubeconfig + " <- " + o.path("kind").asText());
        }
      }
    }
  }

  final State state;

  public InMemoryKindProvisioner() {
    this(new State());
  }

  private InMemoryKindProvisioner(State state) {
    super(
        () -> Optional.of(state.pool),
        () -> new KindAvailability(true, null),
        state::apply,
        new KindProvisionerTest.RecordingLearner(state.applied, null),
        owner -> LearnerRights.ENVIRONMENT_ONLY,
        false,
        Duration.ofMillis(5));
    this.state = state;
  }

  /** The pool, for tests outside this package. */
  public ClusterPool pool() {
    return state.pool;
  }

  /** The ids of the clusters created so far, in order. */
  public List<String> createdClusters() {
    synchronized (state.runtime) {
      return List.copyOf(state.runtime.created);
    }
  }

  /** The ids of the clusters destroyed so far, in order. */
  public List<String> destroyedClusters() {
    synchronized (state.runtime) {
      return List.copyOf(state.runtime.destroyed);
    }
  }

  /** From now on, cluster creation waits for {@link #releaseCreation} (browser tests watch it). */
  public void holdCreation() {
    state.runtime.gate = new java.util.concurrent.CountDownLatch(1);
  }

  /** Whether some cluster creation has begun. */
  public boolean creationStarted() {
    return !state.runtime.started.isEmpty();
  }

  /** Every cluster being created reports this install step. */
  public void reportStep(int number, int total, String step) {
    for (String id : state.runtime.started) {
      state.runtime.progress.put(id, new InstallPlanRunner.Progress(number, total, step));
    }
  }

  public void releaseCreation() {
    var gate = state.runtime.gate;
    if (gate != null) {
      gate.countDown();
    }
  }

  @PreDestroy
  void stop() {
    state.workers.shutdownNow();
  }
}

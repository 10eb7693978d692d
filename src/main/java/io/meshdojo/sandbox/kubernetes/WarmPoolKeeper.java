package io.meshdojo.sandbox.kubernetes;

import io.meshdojo.fleet.FleetOnce;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Keeps the kubernetes backend's warm pools at their sizes, on one replica of the fleet per period
 * (the fleet's lease for scheduled work, {@link FleetOnce}); the first run is right after start.
 */
@ApplicationScoped
public class WarmPoolKeeper {

  static final String JOB = "kubernetes-warm-pools";
  static final Duration PERIOD = Duration.ofSeconds(30);

  private final FleetOnce once;
  private final KubernetesBackend backend;

  public WarmPoolKeeper(FleetOnce once, KubernetesBackend backend) {
    this.once = once;
    this.backend = backend;
  }

  @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (backend.unavailable().isEmpty()) {
      once.run(JOB, PERIOD, backend::maintainPools);
    }
  }
}

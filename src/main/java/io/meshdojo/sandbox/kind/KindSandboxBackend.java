package io.meshdojo.sandbox.kind;

import io.meshdojo.fleet.FleetOnce;
import io.meshdojo.grader.api.Environments;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The kind sandbox backend as the service sees it: decides at start whether it can run (Docker,
 * configuration, infra files), then owns the {@link ClusterPool} and its reaper. Without Docker it
 * says so once in the log and in its health check, and stays out of the way.
 */
@ApplicationScoped
public class KindSandboxBackend {

  private static final Logger LOG = Logger.getLogger(KindSandboxBackend.class);

  private final KindSandboxConfig config;
  private final DockerProbe docker;
  private final Environments environments;
  private final ClusterStore store;
  private final Once once;

  /** Runs scheduled work on one replica of the fleet per period ({@link FleetOnce#run}). */
  @FunctionalInterface
  interface Once {
    void run(String job, Duration period, Runnable work);
  }

  private volatile KindAvailability availability = new KindAvailability(false, "not started yet");
  private volatile ClusterPool pool;
  private volatile Map<String, KindInstall> installs = Map.of();
  private ExecutorService workers;
  private ScheduledExecutorService reaper;

  @Inject
  public KindSandboxBackend(
      KindSandboxConfig config,
      EnvironmentCatalog environments,
      DataSource database,
      FleetOnce once) {
    this(
        config,
        DockerProbe.testcontainers(),
        environments.environments(),
        new DatabaseClusterStore(database),
        once::run);
  }

  KindSandboxBackend(
      KindSandboxConfig config,
      DockerProbe docker,
      Environments environments,
      ClusterStore store,
      Once once) {
    this.config = config;
    this.docker = docker;
    this.environments = environments;
    this.store = store;
    this.once = once;
  }

  void onStart(@Observes StartupEvent event) {
    start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Decides availability and, when available, reconciles and starts the pool. */
  synchronized void start() {
    KindAvailability assessed = KindAvailability.assess(config.enabled(), docker);
    if (!assessed.available()) {
      availability = assessed;
      LOG.infof(
          "Lab sandboxes are embedded in this service; real kind clusters are off (%s).",
          assessed.reason());
      return;
    }
    try {
      InfraFiles infra =
          config
              .infraDir()
              .map(dir -> InfraFiles.directory(Path.of(dir)))
              .orElse(InfraFiles.packaged());
      Map<String, KindInstall> installs = KindInstalls.load(infra, environments);
      String helmImage = KindInstalls.runtimeImages(infra).helm().image();
      int max =
          HostCapacity.maxClusters(
              config.maxClusters(),
              config.memoryReserve().asLongValue(),
              config.memoryPerCluster().asLongValue());
      AtomicInteger threads = new AtomicInteger();
      workers =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "kind-sandbox-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      ClusterPool created =
          new ClusterPool(
              new KindClusterRuntime(new KindClusterFactory(infra, helmImage), installs),
              store,
              workers,
              Clock.systemUTC(),
              () -> UUID.randomUUID().toString().replace("-", "").substring(0, 12),
              installs.keySet(),
              new ClusterPool.Settings(
                  max,
                  config.warmPool(),
                  config.queueCapacity(),
                  config.ttl(),
                  config.maxLifetime(),
                  config.idleTimeout(),
                  config.creationTimeout()));
      int held = created.reconcile().size();
      this.installs = installs;
      pool = created;
      reaper =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "kind-sandbox-reaper");
                t.setDaemon(true);
                return t;
              });
      long every = config.reapInterval().toMillis();
      reaper.scheduleWithFixedDelay(this::reapQuietly, every, every, TimeUnit.MILLISECONDS);
      availability = new KindAvailability(true, null);
      if (!KindClusterFactory.clustersOutliveTheService()) {
        LOG.warn(
            "Testcontainers reuse is off: its reaper removes every sandbox cluster when this"
                + " service stops, and none can be adopted on the next start. Set"
                + " TESTCONTAINERS_REUSE_ENABLE=true (or testcontainers.reuse.enable=true in"
                + " ~/.testcontainers.properties) to keep them.");
      }
      LOG.infof(
          "Kind sandbox backend ready: environments %s, at most %d clusters, %d held",
          installs.keySet(), max, held);
    } catch (RuntimeException e) {
      availability = new KindAvailability(false, "cannot start: " + e.getMessage());
      LOG.warnf(e, "Kind sandbox backend unavailable: %s", e.getMessage());
      stop();
    }
  }

  synchronized void stop() {
    if (reaper != null) {
      reaper.shutdownNow();
      reaper = null;
    }
    if (workers != null) {
      // Clusters stay up: the next start adopts or removes them.
      workers.shutdownNow();
      workers = null;
    }
  }

  private void reapQuietly() {
    try {
      ClusterPool current = pool;
      if (current != null) {
        // The pool is shared through the database: one replica of the fleet reaps it per period.
        once.run("kind-pool-reap", config.reapInterval(), current::reap);
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "Reaping sandbox clusters failed");
    }
  }

  /** Whether the backend runs, and why not. */
  public KindAvailability availability() {
    return availability;
  }

  /** An environment's install, when the backend is available and knows it. */
  public Optional<KindInstall> install(String environment) {
    return Optional.ofNullable(installs.get(environment));
  }

  /** The pool, when the backend is available. */
  public Optional<ClusterPool> pool() {
    return Optional.ofNullable(pool);
  }
}

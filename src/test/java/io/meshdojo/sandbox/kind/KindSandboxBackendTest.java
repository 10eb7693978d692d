package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.api.Environments;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Start-up decisions of the backend and what its health check says about them. */
class KindSandboxBackendTest {

  static final Environments ENVIRONMENTS =
      Environments.fromDirectory(java.nio.file.Path.of("infra", "environments"));

  record Config(boolean enabled, Optional<String> infraDir) implements KindSandboxConfig {
    @Override
    public boolean clusterAdminLabs() {
      return false;
    }

    @Override
    public Duration creationTimeout() {
      return Duration.ofMinutes(30);
    }

    @Override
    public Optional<String> externalHost() {
      return Optional.empty();
    }

    @Override
    public Map<String, Integer> warmPool() {
      return Map.of();
    }

    @Override
    public Optional<Integer> maxClusters() {
      return Optional.of(2);
    }

    @Override
    public MemorySize memoryPerCluster() {
      return new MemorySize(BigInteger.valueOf(3L << 30));
    }

    @Override
    public MemorySize memoryReserve() {
      return new MemorySize(BigInteger.valueOf(4L << 30));
    }

    @Override
    public int queueCapacity() {
      return 5;
    }

    @Override
    public Duration ttl() {
      return Duration.ofHours(2);
    }

    @Override
    public Duration maxLifetime() {
      return Duration.ofHours(8);
    }

    @Override
    public Duration idleTimeout() {
      return Duration.ofMinutes(30);
    }

    @Override
    public Duration reapInterval() {
      return Duration.ofMinutes(1);
    }
  }

  static Map<String, Object> data(HealthCheckResponse response) {
    return response.getData().orElseThrow();
  }

  @Test
  void withoutDockerItIsUnavailableButItsHealthCheckStaysUp() {
    KindSandboxBackend backend =
        new KindSandboxBackend(
            new Config(true, Optional.empty()),
            () -> Optional.of("no Docker engine"),
            ENVIRONMENTS,
            new InMemoryClusterStore(),
            (job, period, work) -> work.run());
    backend.start();
    assertThat(backend.availability()).isEqualTo(new KindAvailability(false, "no Docker engine"));
    assertThat(backend.pool()).isEmpty();

    HealthCheckResponse health = new KindSandboxHealth(backend).call();
    assertThat(health.getName()).isEqualTo("sandbox-kind");
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(data(health))
        .containsEntry("available", false)
        .containsEntry("reason", "no Docker engine")
        .doesNotContainKey("maxClusters");
  }

  @Test
  void brokenInfraFilesMakeItUnavailableWithTheReason() {
    KindSandboxBackend backend =
        new KindSandboxBackend(
            new Config(true, Optional.of("target/no-such-infra")),
            Optional::empty,
            ENVIRONMENTS,
            new InMemoryClusterStore(),
            (job, period, work) -> work.run());
    backend.start();
    assertThat(backend.availability().available()).isFalse();
    assertThat(backend.availability().reason())
        .startsWith("cannot start:")
        .contains("no-such-infra");
    assertThat(backend.pool()).isEmpty();
    backend.stop();
  }

  @Test
  void switchedOffItSaysSo() {
    KindSandboxBackend backend =
        new KindSandboxBackend(
            new Config(false, Optional.empty()),
            () -> {
              throw new AssertionError("Docker probed although disabled");
            },
            ENVIRONMENTS,
            new InMemoryClusterStore(),
            (job, period, work) -> work.run());
    backend.start();
    assertThat(data(new KindSandboxHealth(backend).call()))
        .containsEntry("available", false)
        .containsEntry("reason", "disabled by configuration");
  }

  @Test
  void whenRunningTheHealthCheckShowsThePoolsCounts() {
    ClusterPool pool =
        new ClusterPool(
            new InMemoryClusterRuntime(),
            new InMemoryClusterStore(),
            Runnable::run,
            new MutableClock(java.time.Instant.EPOCH),
            () -> "1",
            java.util.Set.of("bookinfo"),
            new ClusterPool.Settings(
                3, Map.of(), 5, Duration.ofHours(1), Duration.ofHours(2), Duration.ofMinutes(5)));
    pool.request("alice", "bookinfo");
    KindSandboxBackend running =
        new KindSandboxBackend(
            new Config(true, Optional.empty()),
            Optional::empty,
            ENVIRONMENTS,
            new InMemoryClusterStore(),
            (job, period, work) -> work.run()) {
          @Override
          public KindAvailability availability() {
            return new KindAvailability(true, null);
          }

          @Override
          public Optional<ClusterPool> pool() {
            return Optional.of(pool);
          }
        };
    assertThat(data(new KindSandboxHealth(running).call()))
        .containsEntry("available", true)
        .containsEntry("maxClusters", 3L)
        .containsEntry("leased", 1L)
        .containsEntry("queued", 0L)
        .containsEntry("warm.bookinfo", 0L)
        .doesNotContainKey("reason");
  }
}

package io.meshdojo.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Scheduled work claimed in the database: one run per period, however many replicas try. */
@QuarkusTest
class FleetOnceTest {

  static final Duration HOURLY = Duration.ofHours(1);

  @Inject FleetOnce once;
  @Inject EntityManager database;

  @Test
  void aJobRunsOncePerPeriodAndAgainWhenThePeriodIsOver() {
    String job = "test-job-" + System.nanoTime();
    AtomicInteger runs = new AtomicInteger();
    assertThat(once.run(job, HOURLY, runs::incrementAndGet)).isTrue();
    assertThat(once.run(job, HOURLY, runs::incrementAndGet)).isFalse();
    assertThat(runs).hasValue(1);

    // Another replica ran it two periods ago, and nobody since.
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                database
                    .createNativeQuery(
                        "update fleet_job set ran_at = clock_timestamp() - interval '2 hours',"
                            + " ran_by = 'another' where name = ?1")
                    .setParameter(1, job)
                    .executeUpdate());
    assertThat(once.run(job, HOURLY, runs::incrementAndGet)).isTrue();
    assertThat(runs).hasValue(2);
  }

  @Test
  void replicasFiringAtTheSameMomentRunItOnce() throws Exception {
    String job = "test-race-" + System.nanoTime();
    AtomicInteger runs = new AtomicInteger();
    int replicas = 4;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService schedulers = Executors.newFixedThreadPool(replicas);
    try {
      List<Future<Boolean>> ran = new ArrayList<>();
      for (int i = 0; i < replicas; i++) {
        ran.add(
            schedulers.submit(
                () -> {
                  go.await();
                  return once.run(job, HOURLY, runs::incrementAndGet);
                }));
      }
      go.countDown();
      int winners = 0;
      for (Future<Boolean> r : ran) {
        winners += r.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
      assertThat(runs).hasValue(1);
    } finally {
      schedulers.shutdownNow();
    }
  }
}

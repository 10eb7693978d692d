package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdojo.sandbox.kind.ClusterPool.Granted;
import io.meshdojo.sandbox.kind.ClusterPool.Lease;
import io.meshdojo.sandbox.kind.ClusterPool.Queued;
import io.meshdojo.sandbox.kind.ClusterPool.Served;
import io.meshdojo.sandbox.kind.ClusterPool.Status;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two pools on one PostgreSQL database, as two replicas of the service sharing one Docker host
 * would run them: they count capacity together, each ends or extends the other's leases, and a
 * restarted one carries on from the rows.
 */
@QuarkusTest
class SharedClusterPoolTest {

  static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
  static final Duration TTL = Duration.ofHours(2);

  @Inject DataSource dataSource;
  @Inject EntityManager database;

  final InMemoryClusterRuntime docker = new InMemoryClusterRuntime();
  final MutableClock clock = new MutableClock(START);
  ExecutorService workers;

  @BeforeEach
  @AfterEach
  void emptyThePool() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (String table : List.of("kind_cluster", "kind_ticket", "kind_reservation")) {
                database.createNativeQuery("delete from " + table).executeUpdate();
              }
            });
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  ClusterPool replica(int maxClusters, Executor executor) {
    return new ClusterPool(
        docker,
        new DatabaseClusterStore(dataSource),
        executor,
        clock,
        () -> UUID.randomUUID().toString().substring(0, 8),
        Set.of("bookinfo"),
        new ClusterPool.Settings(
            maxClusters, Map.of(), 20, TTL, Duration.ofHours(4), Duration.ofMinutes(30)));
  }

  /** A replica creating clusters on threads of its own, held until the test opens the gate. */
  ClusterPool replicaWhoseCreationsWait(int maxClusters) {
    if (workers == null) {
      docker.gate = new CountDownLatch(1);
      workers = Executors.newCachedThreadPool();
    }
    return replica(maxClusters, workers);
  }

  @Test
  void twoReplicasAskingAtOnceNeverStartMoreClustersThanTheHostHolds() throws Exception {
    ClusterPool a = replicaWhoseCreationsWait(3);
    ClusterPool b = replicaWhoseCreationsWait(3);
    int learners = 12;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService requests = Executors.newFixedThreadPool(learners);
    List<Future<ClusterPool.Answer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < learners; i++) {
        ClusterPool via = i % 2 == 0 ? a : b;
        String learner = "learner-" + i;
        answers.add(
            requests.submit(
                () -> {
                  go.await();
                  return via.request(learner, "bookinfo");
                }));
      }
      go.countDown();
      int granted = 0;
      int queued = 0;
      for (Future<ClusterPool.Answer> answer : answers) {
        ClusterPool.Answer got = answer.get();
        if (got instanceof Granted) {
          granted++;
        } else if (got instanceof Queued) {
          queued++;
        }
      }
      assertThat(granted).isEqualTo(3);
      assertThat(queued).isEqualTo(learners - 3);
      assertThat(docker.started).hasSize(3);
      assertThat(a.snapshot().queued()).isEqualTo(learners - 3);
      assertThat(b.snapshot().provisioning()).isEqualTo(3);
    } finally {
      requests.shutdownNow();
    }

    docker.gate.countDown();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(a.snapshot().leased()).isEqualTo(3));
    assertThat(docker.created).as("created by either replica, never more than fit").hasSize(3);
    assertThat(b.snapshot().used()).isEqualTo(3);
  }

  @Test
  void eitherReplicaEndsOrExtendsALeaseTheOtherGrantedAndServesItsQueue() {
    ClusterPool a = replica(1, Runnable::run);
    ClusterPool b = replica(1, Runnable::run);
    Lease alice = ((Granted) a.request("alice", "bookinfo")).lease();
    assertThat(alice.status()).isEqualTo(Status.READY);
    Queued bob = (Queued) b.request("bob", "bookinfo");
    assertThat(a.queuePosition("bob")).contains(1);

    clock.advance(Duration.ofMinutes(10));
    assertThat(b.extend(alice.id(), Duration.ofHours(1)))
        .contains(START.plus(TTL).plus(Duration.ofHours(1)));
    assertThat(a.lease(alice.id()).orElseThrow().expiresAt())
        .isEqualTo(START.plus(TTL).plus(Duration.ofHours(1)));

    assertThat(b.release(alice.id())).isTrue();
    assertThat(a.lease(alice.id())).isEmpty();
    assertThat(docker.destroyed).containsExactly(alice.id());
    // B served its queue with the freed slot; A sees the ticket served.
    Lease bobs = ((Served) a.ticket(bob.ticket())).lease();
    assertThat(bobs.owner()).isEqualTo("bob");
    assertThat(bobs.status()).isEqualTo(Status.READY);
    assertThat(a.release(alice.id())).as("already ended").isFalse();
  }

  @Test
  void aCreationItsReplicaStoppedCarryingOnIsGivenUpByAnotherAfterTheTimeout() throws Exception {
    ClusterPool stopped = replicaWhoseCreationsWait(1);
    ClusterPool other = replicaWhoseCreationsWait(1);
    Lease alice = ((Granted) stopped.request("alice", "bookinfo")).lease();
    assertThat(alice.status()).isEqualTo(Status.PROVISIONING);

    clock.advance(ClusterPool.Settings.CREATION_TIMEOUT.minusMinutes(1));
    assertThat(other.reap()).as("still within its creation time").isEmpty();
    assertThat(other.request("bob", "bookinfo")).isInstanceOf(Queued.class);

    clock.advance(Duration.ofMinutes(1));
    assertThat(other.reap()).containsExactly(alice.id());
    Lease failed = other.leaseOf("alice").orElseThrow();
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.error()).isEqualTo(ClusterPool.INTERRUPTED);
    assertThat(other.leaseOf("bob")).as("the slot went to the queue").isPresent();

    // The creation returns after all: its cluster is destroyed, never handed out.
    docker.gate.countDown();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(docker.destroyed()).contains(alice.id());
              assertThat(stopped.leaseOf("bob").orElseThrow().status()).isEqualTo(Status.READY);
            });
    assertThat(other.leaseOf("alice").orElseThrow().status()).isEqualTo(Status.FAILED);
  }

  @Test
  void aRestartedReplicaResumesFromTheRows() {
    ClusterPool before = replica(2, Runnable::run);
    Lease alice = ((Granted) before.request("alice", "bookinfo")).lease();
    before.reserve("workshop-1", Map.of("bookinfo", 1));

    ClusterPool after = replica(2, Runnable::run);
    assertThat(after.reconcile()).hasSize(2).contains(alice.id());
    assertThat(after.leaseOf("alice").orElseThrow().kubeconfig()).isEqualTo(alice.kubeconfig());
    assertThat(after.reservation("workshop-1").ready()).isEqualTo(1);
    assertThat(docker.destroyed).isEmpty();
  }
}

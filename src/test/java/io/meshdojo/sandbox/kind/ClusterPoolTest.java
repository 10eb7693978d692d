package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.sandbox.kind.ClusterPool.Granted;
import io.meshdojo.sandbox.kind.ClusterPool.Lease;
import io.meshdojo.sandbox.kind.ClusterPool.Queued;
import io.meshdojo.sandbox.kind.ClusterPool.Refused;
import io.meshdojo.sandbox.kind.ClusterPool.Reservation;
import io.meshdojo.sandbox.kind.ClusterPool.Served;
import io.meshdojo.sandbox.kind.ClusterPool.Status;
import io.meshdojo.sandbox.kind.ClusterPool.Waiting;
import io.meshdojo.sandbox.kind.ClusterStore.ClusterRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pool's rules, with real pool logic over an in-memory runtime and store. */
class ClusterPoolTest {

  static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
  static final Duration TTL = Duration.ofHours(2);
  static final Duration MAX_LIFETIME = Duration.ofHours(4);
  static final Duration IDLE = Duration.ofMinutes(30);

  final InMemoryClusterRuntime runtime = new InMemoryClusterRuntime();
  final InMemoryClusterStore store = new InMemoryClusterStore();
  final MutableClock clock = new MutableClock(START);
  final AtomicInteger sequence = new AtomicInteger();

  ClusterPool pool(int max, Map<String, Integer> warm, int queueCapacity, Executor executor) {
    return new ClusterPool(
        runtime,
        store,
        executor,
        clock,
        () -> String.valueOf(sequence.incrementAndGet()),
        Set.of("bookinfo", "ecosystem"),
        new ClusterPool.Settings(max, warm, queueCapacity, TTL, MAX_LIFETIME, IDLE));
  }

  ClusterPool pool(int max, Map<String, Integer> warm, int queueCapacity) {
    return pool(max, warm, queueCapacity, Runnable::run);
  }

  static Lease granted(ClusterPool.Answer answer) {
    assertThat(answer).isInstanceOf(Granted.class);
    return ((Granted) answer).lease();
  }

  @Test
  void aRequestWithRoomGetsANewClusterThatIsReadyWithAKubeconfig() {
    ClusterPool pool = pool(2, Map.of(), 5);
    Lease lease = granted(pool.request("alice", "bookinfo"));
    assertThat(lease.status()).isEqualTo(Status.READY);
    assertThat(lease.owner()).isEqualTo("alice");
    assertThat(lease.environment()).isEqualTo("bookinfo");
    assertThat(lease.kubeconfig()).isEqualTo("kubeconfig-of-" + lease.id());
    assertThat(lease.expiresAt()).isEqualTo(START.plus(TTL));
    assertThat(runtime.live).containsExactly(lease.id());
    assertThat(store.records().get(lease.id()).state()).isEqualTo("LEASED");
    assertThat(store.records().get(lease.id()).owner()).isEqualTo("alice");
  }

  @Test
  void aLeaseIsProvisioningUntilItsClusterIsCreatedAndItsLifetimeStartsWhenReady() {
    ManualExecutor executor = new ManualExecutor();
    ClusterPool pool = pool(2, Map.of(), 5, executor);
    Lease lease = granted(pool.request("alice", "bookinfo"));
    assertThat(lease.status()).isEqualTo(Status.PROVISIONING);
    assertThat(lease.kubeconfig()).isNull();
    assertThat(pool.snapshot().provisioning()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(4));
    executor.runAll();
    Lease ready = pool.lease(lease.id()).orElseThrow();
    assertThat(ready.status()).isEqualTo(Status.READY);
    assertThat(ready.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(4)).plus(TTL));
  }

  @Test
  void warmClustersAreHandedOutAtOnceAndThePoolIsToppedUp() {
    ClusterPool pool = pool(4, Map.of("bookinfo", 2), 5);
    pool.reconcile();
    assertThat(runtime.created).hasSize(2);
    assertThat(pool.snapshot().warm()).containsEntry("bookinfo", 2);
    assertThat(store.records().values()).allMatch(r -> r.state().equals("WARM"));

    Lease lease = granted(pool.request("alice", "bookinfo"));
    assertThat(lease.status()).isEqualTo(Status.READY);
    assertThat(runtime.created).first().isEqualTo(lease.id());
    assertThat(store.records().get(lease.id()).state()).isEqualTo("LEASED");
    assertThat(runtime.created).hasSize(3);
    assertThat(pool.snapshot().warm()).containsEntry("bookinfo", 2);
    assertThat(pool.snapshot().leased()).isEqualTo(1);
  }

  @Test
  void theWarmPoolNeverGrowsBeyondTheHostsCapacity() {
    ClusterPool pool = pool(2, Map.of("bookinfo", 3, "ecosystem", 1), 5);
    pool.reconcile();
    assertThat(runtime.live).hasSize(2);
    assertThat(pool.snapshot().used()).isEqualTo(2);
  }

  @Test
  void beyondCapacityRequestsQueueInOrderWithVisiblePositionsThenAreRefused() {
    ClusterPool pool = pool(2, Map.of(), 2);
    Lease first = granted(pool.request("alice", "bookinfo"));
    granted(pool.request("bob", "bookinfo"));

    Queued carol = (Queued) pool.request("carol", "bookinfo");
    Queued dave = (Queued) pool.request("dave", "ecosystem");
    assertThat(carol.position()).isEqualTo(1);
    assertThat(dave.position()).isEqualTo(2);

    ClusterPool.Answer erin = pool.request("erin", "bookinfo");
    assertThat(erin).isInstanceOf(Refused.class);
    assertThat(((Refused) erin).reason())
        .contains("All 2 sandbox clusters")
        .contains("2 requests are already waiting");

    assertThat(pool.release(first.id())).isTrue();
    assertThat(pool.ticket(carol.ticket())).isInstanceOf(Served.class);
    Lease carols = ((Served) pool.ticket(carol.ticket())).lease();
    assertThat(carols.owner()).isEqualTo("carol");
    assertThat(carols.id()).isNotEqualTo(first.id());
    assertThat(pool.ticket(dave.ticket())).isEqualTo(new Waiting(1));
  }

  @Test
  void aFreedSlotGoesToTheHeadOfTheQueueNotToANewcomer() {
    ManualExecutor executor = new ManualExecutor();
    ClusterPool pool = pool(1, Map.of(), 5, executor);
    Lease first = granted(pool.request("alice", "bookinfo"));
    Queued bob = (Queued) pool.request("bob", "bookinfo");
    pool.release(first.id());
    // The slot is free once alice's cluster, released while being created, is gone.
    executor.runAll();
    assertThat(pool.ticket(bob.ticket())).isInstanceOf(Served.class);
    assertThat(pool.request("carol", "bookinfo")).isInstanceOf(Queued.class);
  }

  @Test
  void aCancelledTicketLeavesTheQueueAndTheOthersMoveUp() {
    ClusterPool pool = pool(1, Map.of(), 5);
    granted(pool.request("alice", "bookinfo"));
    Queued bob = (Queued) pool.request("bob", "bookinfo");
    Queued carol = (Queued) pool.request("carol", "bookinfo");
    assertThat(pool.cancel(bob.ticket())).isTrue();
    assertThat(pool.cancel(bob.ticket())).isFalse();
    assertThat(pool.ticket(bob.ticket())).isInstanceOf(ClusterPool.Gone.class);
    assertThat(pool.ticket(carol.ticket())).isEqualTo(new Waiting(1));
  }

  @Test
  void aReleasedClusterIsDestroyedAndNeverHandedToAnyoneElse() {
    ClusterPool pool = pool(1, Map.of("bookinfo", 1), 5);
    pool.reconcile();
    Lease alice = granted(pool.request("alice", "bookinfo"));
    pool.release(alice.id());
    assertThat(runtime.destroyed).contains(alice.id());
    assertThat(store.records()).doesNotContainKey(alice.id());
    Lease bob = granted(pool.request("bob", "bookinfo"));
    assertThat(bob.id()).isNotEqualTo(alice.id());
    assertThat(pool.lease(alice.id())).isEmpty();
    assertThat(pool.release(alice.id())).isFalse();
  }

  @Test
  void aRequestTakesTheSlotOfAWarmClusterOfAnotherEnvironment() {
    ClusterPool pool = pool(1, Map.of("ecosystem", 1), 5);
    pool.reconcile();
    String warmEcosystem = runtime.created.get(0);
    Lease lease = granted(pool.request("alice", "bookinfo"));
    assertThat(lease.environment()).isEqualTo("bookinfo");
    assertThat(runtime.destroyed).containsExactly(warmEcosystem);
    assertThat(runtime.live).containsExactly(lease.id());
  }

  @Test
  void leasesExpireAfterTheirTtlUnlessExtendedAndExtensionsStopAtTheMaximumLifetime() {
    ClusterPool pool = pool(2, Map.of(), 5);
    Lease lease = granted(pool.request("alice", "bookinfo"));

    clock.advance(Duration.ofMinutes(20));
    pool.touch(lease.id());
    assertThat(pool.extend(lease.id(), Duration.ofHours(1)))
        .contains(START.plus(Duration.ofHours(3)));
    assertThat(pool.extend(lease.id(), Duration.ofHours(5))).contains(START.plus(MAX_LIFETIME));
    assertThat(pool.extend("kind-unknown", Duration.ofHours(1))).isEmpty();

    // Kept active, it lives until the maximum lifetime, not a minute longer.
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(20));
      pool.touch(lease.id());
      assertThat(pool.reap()).isEmpty();
    }
    clock.advance(Duration.ofMinutes(20));
    pool.touch(lease.id());
    assertThat(pool.reap()).containsExactly(lease.id());
    assertThat(runtime.destroyed).containsExactly(lease.id());
    assertThat(pool.lease(lease.id())).isEmpty();
  }

  @Test
  void idleLeasesAreReapedAndActivityKeepsThemAlive() {
    ClusterPool pool = pool(2, Map.of(), 5);
    Lease busy = granted(pool.request("alice", "bookinfo"));
    Lease idle = granted(pool.request("bob", "bookinfo"));
    clock.advance(Duration.ofMinutes(25));
    pool.touch(busy.id());
    assertThat(pool.reap()).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    assertThat(pool.reap()).containsExactly(idle.id());
    assertThat(pool.lease(busy.id())).isPresent();
  }

  @Test
  void reapingFreesSlotsForTheQueue() {
    ClusterPool pool = pool(1, Map.of(), 5);
    granted(pool.request("alice", "bookinfo"));
    Queued bob = (Queued) pool.request("bob", "bookinfo");
    clock.advance(IDLE);
    pool.reap();
    assertThat(pool.ticket(bob.ticket())).isInstanceOf(Served.class);
  }

  @Test
  void aFailedProvisioningReportsTheErrorFreesItsSlotAndIsReapedLater() {
    runtime.failingEnvironments.add("ecosystem");
    ClusterPool pool = pool(1, Map.of(), 5);
    Lease failed = granted(pool.request("alice", "ecosystem"));
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.error()).contains("helm install istiod");
    assertThat(runtime.destroyed).contains(failed.id());

    Lease next = granted(pool.request("bob", "bookinfo"));
    assertThat(next.status()).isEqualTo(Status.READY);

    clock.advance(TTL);
    assertThat(pool.reap()).contains(failed.id());
    assertThat(pool.lease(failed.id())).isEmpty();
  }

  @Test
  void aClusterReleasedWhileBeingCreatedIsDestroyedWhenCreationReturns() {
    ManualExecutor executor = new ManualExecutor();
    ClusterPool pool = pool(1, Map.of(), 5, executor);
    Lease lease = granted(pool.request("alice", "bookinfo"));
    assertThat(pool.release(lease.id())).isTrue();
    executor.runAll();
    assertThat(runtime.created).containsExactly(lease.id());
    assertThat(runtime.live).isEmpty();
    assertThat(store.records()).isEmpty();
  }

  @Test
  void aClusterReleasedWhileBeingCreatedKeepsItsSlotUntilItsCreationEnds() {
    ManualExecutor executor = new ManualExecutor();
    ClusterPool pool = pool(1, Map.of(), 5, executor);
    Lease first = granted(pool.request("alice", "bookinfo"));
    assertThat(pool.release(first.id())).isTrue();

    // The host still runs alice's cluster: a second one now would be one too many.
    assertThat(pool.request("bob", "bookinfo")).isInstanceOf(Queued.class);
    assertThat(pool.snapshot().used()).isEqualTo(1);
    assertThat(pool.leaseOf("alice")).isEmpty();

    executor.runAll();
    Lease second = pool.leaseOf("bob").orElseThrow();
    assertThat(second.status()).isEqualTo(Status.READY);
    assertThat(runtime.live).containsExactly(second.id());
    assertThat(runtime.destroyed).contains(first.id());
  }

  @Test
  void aClusterReleasedWhileItsCreationFailsFreesItsSlotThen() {
    ManualExecutor executor = new ManualExecutor();
    ClusterPool pool = pool(1, Map.of(), 5, executor);
    runtime.failingEnvironments.add("bookinfo");
    Lease first = granted(pool.request("alice", "bookinfo"));
    pool.release(first.id());
    assertThat(pool.request("bob", "ecosystem")).isInstanceOf(Queued.class);

    executor.runAll();
    assertThat(pool.leaseOf("bob").orElseThrow().status()).isEqualTo(Status.READY);
    assertThat(pool.snapshot().used()).isEqualTo(1);
  }

  @Test
  void unknownEnvironmentsAreRefusedAndWarmPoolsMustNameKnownOnes() {
    ClusterPool pool = pool(1, Map.of(), 5);
    assertThat(pool.request("alice", "petstore"))
        .isEqualTo(
            new Refused(
                "There is no kind sandbox for environment 'petstore'; known: [bookinfo,"
                    + " ecosystem]."));
    assertThatThrownBy(() -> pool(1, Map.of("petstore", 1), 5)).hasMessageContaining("petstore");
    assertThatThrownBy(() -> pool(0, Map.of(), 5)).hasMessageContaining("at least 1");
  }

  static ClusterRecord leased(String id, String owner, Instant granted, Instant expires) {
    return new ClusterRecord(
        id,
        "bookinfo",
        "LEASED",
        null,
        owner,
        "kc-" + id,
        granted,
        granted,
        expires,
        START,
        null,
        null);
  }

  static ClusterRecord inState(String id, String environment, String state) {
    return new ClusterRecord(
        id, environment, state, null, null, "kc-" + id, START, null, null, null, null, null);
  }

  @Test
  void reconciliationKeepsLiveClustersForgetsVanishedOnesAndRemovesOrphansAndSpares() {
    store.save(
        leased("kind-lease", "alice", START.minus(Duration.ofHours(1)), START.plusSeconds(60)));
    store.save(
        leased(
            "kind-expired",
            "bob",
            START.minus(Duration.ofHours(3)),
            START.minus(Duration.ofMinutes(1))));
    store.save(inState("kind-warm", "ecosystem", "WARM"));
    store.save(inState("kind-warm2", "ecosystem", "WARM"));
    store.save(leased("kind-gone", "carol", START, START.plus(TTL)));
    runtime.live.addAll(
        Set.of("kind-lease", "kind-expired", "kind-warm", "kind-warm2", "kind-orphan"));

    ClusterPool pool = pool(4, Map.of("ecosystem", 1), 5);
    assertThat(pool.reconcile())
        .containsExactlyInAnyOrder("kind-lease", "kind-expired", "kind-warm");
    assertThat(runtime.destroyed).containsExactlyInAnyOrder("kind-warm2", "kind-orphan");
    assertThat(pool.leaseOf("carol")).as("its cluster vanished").isEmpty();

    // An expired lease is the reaper's, which every replica runs against the same rows.
    assertThat(pool.reap()).containsExactly("kind-expired");
    assertThat(store.records().keySet()).containsExactlyInAnyOrder("kind-lease", "kind-warm");
    Lease kept = pool.lease("kind-lease").orElseThrow();
    assertThat(kept.owner()).isEqualTo("alice");
    assertThat(kept.status()).isEqualTo(Status.READY);
    assertThat(kept.kubeconfig()).isEqualTo("kc-kind-lease");

    // The warm cluster is handed out like any other, with its stored kubeconfig.
    Lease fromWarm = granted(pool.request("dave", "ecosystem"));
    assertThat(fromWarm.id()).isEqualTo("kind-warm");
    assertThat(fromWarm.kubeconfig()).isEqualTo("kc-kind-warm");
  }

  @Test
  void reconciliationKeepsNoMoreThanTheHostCanRunLeasesFirst() {
    store.save(inState("kind-w", "bookinfo", "WARM"));
    store.save(leased("kind-l", "alice", START, START.plus(TTL)));
    runtime.live.addAll(Set.of("kind-w", "kind-l"));
    ClusterPool pool = pool(1, Map.of("bookinfo", 1), 5);
    assertThat(pool.reconcile()).containsExactly("kind-l");
    assertThat(runtime.destroyed).containsExactly("kind-w");
  }

  @Test
  void aClusterBeingCreatedWhenTheLoneServiceStoppedFailsWithAReasonAtItsNextStart() {
    store.save(
        new ClusterRecord(
            "kind-p",
            "bookinfo",
            "PROVISIONING",
            null,
            "alice",
            null,
            START,
            START,
            null,
            START,
            null,
            null));
    store.save(inState("kind-w", "bookinfo", "WARMING"));
    runtime.live.addAll(Set.of("kind-p", "kind-w"));

    ClusterPool restarted = pool(2, Map.of(), 5);
    restarted.reconcile();
    Lease failed = restarted.leaseOf("alice").orElseThrow();
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.error()).isEqualTo(ClusterPool.INTERRUPTED);
    assertThat(runtime.destroyed).containsExactlyInAnyOrder("kind-p", "kind-w");
    assertThat(restarted.snapshot().used()).as("a failure holds no slot").isZero();
  }

  @Test
  void aClusterHandedOutIsRecordedAsLeasedBeforeTheLeaseIsReturned() {
    // After a crash right after a warm cluster was handed out, reconciliation must not put it
    // back in the warm pool.
    ClusterPool pool = pool(2, Map.of("bookinfo", 1), 5);
    pool.reconcile();
    Lease lease = granted(pool.request("alice", "bookinfo"));

    ClusterPool restarted = pool(2, Map.of("bookinfo", 1), 5);
    restarted.reconcile();
    Lease again = restarted.lease(lease.id()).orElseThrow();
    assertThat(again.owner()).isEqualTo("alice");
    assertThat(restarted.snapshot().leased()).isEqualTo(1);
    assertThat(restarted.snapshot().warm()).containsEntry("bookinfo", 1);
  }

  /** Warm clusters reserved for a holder (a workshop): made, taken first by it, capped, ended. */
  @Nested
  class ReservationsTest {

    static final String WORKSHOP = "workshop-7";

    @Test
    void aReservationMakesItsClustersAndSaysHowManyAreReady() {
      ManualExecutor executor = new ManualExecutor();
      ClusterPool pool = pool(5, Map.of(), 5, executor);

      pool.reserve(WORKSHOP, Map.of("bookinfo", 2, "ecosystem", 1));

      assertThat(pool.reservation(WORKSHOP)).isEqualTo(new Reservation(3, 0, 3, 5));
      executor.runAll();
      assertThat(runtime.created).hasSize(3);
      assertThat(pool.reservation(WORKSHOP)).isEqualTo(new Reservation(3, 3, 0, 5));
      assertThat(pool.snapshot().reserved()).isEqualTo(3);
      assertThat(pool.snapshot().used()).isEqualTo(3);
      assertThat(pool.reservationHolders()).containsExactly(WORKSHOP);
    }

    @Test
    void onlyRequestsNamingTheReservationTakeItsClustersAndItsWishShrinks() {
      ClusterPool pool = pool(4, Map.of(), 5, Runnable::run);
      pool.reserve(WORKSHOP, Map.of("bookinfo", 2));
      assertThat(runtime.created).hasSize(2);

      Lease stranger = granted(pool.request("stranger", "bookinfo"));
      assertThat(runtime.created).as("a stranger gets a cluster of its own").hasSize(3);
      assertThat(pool.reservation(WORKSHOP).ready()).isEqualTo(2);

      Lease learner = granted(pool.request("learner", "bookinfo", WORKSHOP));
      assertThat(learner.status()).isEqualTo(Status.READY);
      assertThat(runtime.created).as("the learner took a reserved one").hasSize(3);
      assertThat(runtime.created).contains(learner.id());
      assertThat(learner.id()).isNotEqualTo(stranger.id());
      assertThat(pool.reservation(WORKSHOP)).isEqualTo(new Reservation(1, 1, 0, 4));
      assertThat(store.records().values())
          .filteredOn(r -> r.id().equals(learner.id()))
          .singleElement()
          .satisfies(r -> assertThat(r.reservedFor()).isNull())
          .satisfies(r -> assertThat(r.owner()).isEqualTo("learner"));
    }

    @Test
    void aLearnerArrivingWhileItsClusterIsStillMadeTakesThatCreation() {
      ManualExecutor executor = new ManualExecutor();
      ClusterPool pool = pool(2, Map.of(), 5, executor);
      pool.reserve(WORKSHOP, Map.of("bookinfo", 1));

      Lease lease = granted(pool.request("learner", "bookinfo", WORKSHOP));

      assertThat(lease.status()).isEqualTo(Status.PROVISIONING);
      assertThat(pool.reservation(WORKSHOP)).isEqualTo(new Reservation(0, 0, 0, 2));
      executor.runAll();
      assertThat(runtime.created).containsExactly(lease.id());
      assertThat(pool.leaseOf("learner").orElseThrow().status()).isEqualTo(Status.READY);
    }

    @Test
    void aLearnerWithAReservedClusterDoesNotQueueBehindStrangers() {
      ClusterPool pool = pool(3, Map.of(), 5, Runnable::run);
      pool.reserve(WORKSHOP, Map.of("bookinfo", 1));
      granted(pool.request("stranger", "bookinfo"));
      granted(pool.request("second-stranger", "bookinfo"));
      assertThat(pool.request("third-stranger", "bookinfo")).isInstanceOf(Queued.class);

      Lease learner = granted(pool.request("learner", "bookinfo", WORKSHOP));

      assertThat(learner.status()).isEqualTo(Status.READY);
      assertThat(pool.request("late-learner", "bookinfo", WORKSHOP))
          .as("with none left, a learner of the workshop queues like anyone")
          .isInstanceOf(Queued.class);
      assertThat(pool.reservation(WORKSHOP).starting())
          .as("no spare is made while requests wait")
          .isZero();
    }

    @Test
    void theHostsCapacityCapsAReservationAndAStrangerCannotEvictIt() {
      ClusterPool pool = pool(2, Map.of(), 5, Runnable::run);

      pool.reserve(WORKSHOP, Map.of("bookinfo", 5));

      assertThat(runtime.created).hasSize(2);
      assertThat(pool.reservation(WORKSHOP)).isEqualTo(new Reservation(5, 2, 0, 2));
      assertThat(pool.request("stranger", "ecosystem"))
          .as("a spare of the environment's own pool gives way, a reservation's does not")
          .isInstanceOf(ClusterPool.Queued.class);
    }

    @Test
    void aReservationComesBeforeTheEnvironmentsOwnWarmPool() {
      ClusterPool pool = pool(2, Map.of("bookinfo", 2), 5, Runnable::run);
      assertThat(pool.snapshot().warm()).containsEntry("bookinfo", 0);
      pool.reconcile();
      assertThat(pool.snapshot().warm()).containsEntry("bookinfo", 2);

      pool.reserve(WORKSHOP, Map.of("ecosystem", 1));
      assertThat(pool.reservation(WORKSHOP).ready())
          .as("full: the reservation waits for a free slot")
          .isZero();
      granted(pool.request("someone", "bookinfo"));
      pool.release(pool.leaseOf("someone").orElseThrow().id());
      assertThat(pool.reservation(WORKSHOP).ready()).isEqualTo(1);
      assertThat(pool.snapshot().warm()).containsEntry("bookinfo", 1);
    }

    @Test
    void endingAReservationDestroysWhatNobodyTookAndKeepsTheLeases() {
      ClusterPool pool = pool(4, Map.of(), 5, Runnable::run);
      pool.reserve(WORKSHOP, Map.of("bookinfo", 3));
      Lease learner = granted(pool.request("learner", "bookinfo", WORKSHOP));

      pool.endReservation(WORKSHOP);

      assertThat(runtime.destroyed).hasSize(2).doesNotContain(learner.id());
      assertThat(pool.reservationHolders()).isEmpty();
      assertThat(pool.reservation(WORKSHOP)).isEqualTo(new Reservation(0, 0, 0, 4));
      assertThat(pool.leaseOf("learner")).isPresent();
      assertThat(pool.snapshot().used()).isEqualTo(1);
    }

    @Test
    void wantingFewerDestroysTheClustersStillBeingMadeFirst() {
      ManualExecutor executor = new ManualExecutor();
      ClusterPool pool = pool(4, Map.of(), 5, executor);
      pool.reserve(WORKSHOP, Map.of("bookinfo", 1));
      executor.runAll();
      pool.reserve(WORKSHOP, Map.of("bookinfo", 3));
      assertThat(pool.reservation(WORKSHOP)).isEqualTo(new Reservation(3, 1, 2, 4));

      pool.reserve(WORKSHOP, Map.of("bookinfo", 1));

      assertThat(pool.reservation(WORKSHOP)).isEqualTo(new Reservation(1, 1, 0, 4));
      executor.runAll();
      assertThat(runtime.live).hasSize(1);
    }

    @Test
    void unknownEnvironmentsAndNegativeCountsAreRefused() {
      ClusterPool pool = pool(2, Map.of(), 5, Runnable::run);
      assertThatThrownBy(() -> pool.reserve(WORKSHOP, Map.of("nowhere", 1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> pool.reserve(WORKSHOP, Map.of("bookinfo", -1)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterARestartTheReservedClustersAreAdoptedForTheirHolder() {
      ClusterPool before = pool(3, Map.of(), 5, Runnable::run);
      before.reserve(WORKSHOP, Map.of("bookinfo", 2));
      assertThat(store.records().values())
          .extracting(ClusterRecord::reservedFor)
          .containsOnly(WORKSHOP);

      ClusterPool after = pool(3, Map.of(), 5, Runnable::run);
      assertThat(after.reconcile()).hasSize(2);

      assertThat(after.reservationHolders()).containsExactly(WORKSHOP);
      assertThat(after.reservation(WORKSHOP).ready()).isEqualTo(2);
      Lease learner = granted(after.request("learner", "bookinfo", WORKSHOP));
      assertThat(runtime.created).hasSize(2).contains(learner.id());
      after.endReservation(WORKSHOP);
      assertThat(runtime.live).containsExactly(learner.id());
    }
  }
}

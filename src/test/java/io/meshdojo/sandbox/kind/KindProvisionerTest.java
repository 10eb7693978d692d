package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.LearnerRights;
import io.meshdojo.sandbox.SandboxBackend.Done;
import io.meshdojo.sandbox.SandboxBackend.Failed;
import io.meshdojo.sandbox.SandboxBackend.Preparation;
import io.meshdojo.sandbox.SandboxBackend.Step;
import io.meshdojo.sandbox.SandboxBackend.Working;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.kind.ClusterPool.Lease;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kind adapter's steps over a real {@link ClusterPool} and the in-memory runtime, driven as the
 * reconciler drives them: queue positions, install progress, failures naming their step, release.
 * No Docker.
 */
class KindProvisionerTest {

  static final Environment BOOKINFO =
      new Environment(
          "bookinfo",
          "v1.32.0",
          "kindest/node:v1.32.0",
          "1.26.3",
          "default",
          List.of(),
          "bookinfo",
          List.of(),
          List.of());

  final InMemoryClusterRuntime runtime = new InMemoryClusterRuntime();
  final InMemoryClusterStore store = new InMemoryClusterStore();
  final ExecutorService poolWorkers = Executors.newCachedThreadPool();
  final ExecutorService learners = Executors.newCachedThreadPool();
  final AtomicInteger sequence = new AtomicInteger();
  final List<String> applied = new ArrayList<>();

  ClusterPool pool(int maxClusters, int queueCapacity) {
    return new ClusterPool(
        runtime,
        store,
        poolWorkers,
        java.time.Clock.systemUTC(),
        () -> String.valueOf(sequence.incrementAndGet()),
        Set.of("bookinfo", "ecosystem"),
        new ClusterPool.Settings(
            maxClusters,
            Map.of(),
            queueCapacity,
            Duration.ofHours(2),
            Duration.ofHours(8),
            Duration.ofMinutes(30)));
  }

  KindProvisioner provisioner(ClusterPool pool) {
    return new KindProvisioner(
        () -> Optional.of(pool),
        () -> new KindAvailability(true, null),
        (kubeconfig, objects) -> {
          synchronized (applied) {
            objects.forEach(o -> applied.add(kubeconfig + " <- " + o.get("kind").asText()));
          }
        },
        new RecordingLearner(applied, null),
        owner -> LearnerRights.ENVIRONMENT_ONLY,
        false,
        Duration.ofMillis(2));
  }

  /**
   * Records each grant beside the applied setup; issues a kubeconfig or fails with {@code error}.
   */
  static class RecordingLearner implements KindProvisioner.LearnerKubeconfigs {
    private final List<String> applied;
    private final RuntimeException error;

    RecordingLearner(List<String> applied, RuntimeException error) {
      this.applied = applied;
      this.error = error;
    }

    @Override
    public void grant(Lease lease, LearnerRights rights) {
      synchronized (applied) {
        applied.add(lease.kubeconfig() + " <- access " + rights);
      }
    }

    @Override
    public String issue(Lease lease, LearnerRights rights) {
      if (error != null) {
        throw error;
      }
      return "learner-" + lease.kubeconfig();
    }
  }

  /**
   * Takes steps as the reconciler would (each one after the delay the last asked for) until the
   * sandbox is done or failed, recording what a session would show, in order.
   */
  static final class Driver {
    final List<String> events = new ArrayList<>();
    int attempts;

    Step run(KindProvisioner provisioner, SandboxSession session, boolean reset) {
      while (true) {
        Step step =
            provisioner.prepare(session, new Preparation(BOOKINFO, setup(), reset, attempts > 0));
        attempts++;
        if (!(step instanceof Working w)) {
          return step;
        }
        // What the reconciler does: the row shows the step until the next one.
        session.step = w.step();
        session.percent = w.percent();
        record(
            w.queuePosition() != null
                ? "queued at " + w.queuePosition()
                : w.step() + " " + w.percent() + "%");
        try {
          Thread.sleep(w.again().toMillis());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
    }

    synchronized void record(String event) {
      if (events.isEmpty() || !events.get(events.size() - 1).equals(event)) {
        events.add(event);
      }
    }

    synchronized List<String> events() {
      return List.copyOf(events);
    }
  }

  static SandboxSession session(String id) {
    SandboxSession s = new SandboxSession();
    s.id = id;
    s.environment = "bookinfo";
    return s;
  }

  static List<ObjectNode> setup() {
    ObjectNode vs = new ObjectMapper().createObjectNode();
    vs.put("apiVersion", "networking.istio.io/v1");
    vs.put("kind", "VirtualService");
    return List.of(vs);
  }

  CompletableFuture<Step> prepareAsync(
      KindProvisioner provisioner, SandboxSession session, Driver driver) {
    return CompletableFuture.supplyAsync(() -> driver.run(provisioner, session, false), learners);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(2);
    }
  }

  @AfterEach
  void stop() {
    for (CountDownLatch latch : new CountDownLatch[] {runtime.gate, runtime.handOver}) {
      if (latch != null) {
        latch.countDown();
      }
    }
    learners.shutdownNow();
    poolWorkers.shutdownNow();
  }

  @Test
  void progressNeverFallsBackBetweenTheInstallsLastStepAndTheHandOver() throws Exception {
    ClusterPool pool = pool(2, 5);
    KindProvisioner provisioner = provisioner(pool);
    runtime.gate = new CountDownLatch(1);
    runtime.handOver = new CountDownLatch(1);
    SandboxSession alice = session("alice-1");
    Driver driver = new Driver();
    Step first = provisioner.prepare(alice, new Preparation(BOOKINFO, setup(), false, false));
    assertThat(first).isInstanceOf(Working.class);
    await("the cluster is being created", () -> runtime.started.size() == 1);
    String cluster = runtime.started.iterator().next();
    runtime.progress.put(cluster, new InstallPlanRunner.Progress(9, 10, "wait for bookinfo"));
    Working installing =
        (Working) provisioner.prepare(alice, new Preparation(BOOKINFO, setup(), false, true));
    assertThat(installing.step()).isEqualTo("wait for bookinfo");
    alice.step = installing.step();
    alice.percent = installing.percent();

    runtime.gate.countDown();
    await("the install ended", () -> runtime.progress.isEmpty());
    Working handingOver =
        (Working) provisioner.prepare(alice, new Preparation(BOOKINFO, setup(), false, true));
    assertThat(handingOver.step() + " " + handingOver.percent() + "%")
        .isEqualTo("wait for bookinfo 80%");

    runtime.handOver.countDown();
    assertThat(driver.run(provisioner, alice, false)).isInstanceOf(Done.class);
  }

  @Test
  void reportsTheInstallStepsThenIsReadyWithTheClustersKubeconfigAndTheLabSetupApplied()
      throws Exception {
    ClusterPool pool = pool(2, 5);
    KindProvisioner provisioner = provisioner(pool);
    runtime.gate = new CountDownLatch(1);
    SandboxSession alice = session("alice-1");
    Driver driver = new Driver();

    CompletableFuture<Step> done = prepareAsync(provisioner, alice, driver);
    await("the cluster is being created", () -> runtime.started.size() == 1);
    String cluster = runtime.started.iterator().next();
    assertThat(provisioner.serviceKubeconfig(alice, null)).isEmpty();
    assertThat(provisioner.learnerKubeconfig(alice, null)).isEmpty();

    runtime.progress.put(cluster, new InstallPlanRunner.Progress(3, 10, "helm install istiod"));
    await("istiod is reported", () -> driver.events().contains("helm install istiod 20%"));
    runtime.progress.put(cluster, new InstallPlanRunner.Progress(9, 10, "wait for bookinfo"));
    await("the last step is reported", () -> driver.events().contains("wait for bookinfo 80%"));
    runtime.gate.countDown();
    assertThat(done.get(10, TimeUnit.SECONDS)).isInstanceOf(Done.class);

    assertThat(driver.events())
        .containsSubsequence("helm install istiod 20%", "wait for bookinfo 80%")
        .doesNotHaveDuplicates();
    assertThat(provisioner.serviceKubeconfig(alice, "https://ignored"))
        .contains("kubeconfig-of-" + cluster);
    // The learner gets a kubeconfig of its own, never the admin one the service works with.
    assertThat(provisioner.learnerKubeconfig(alice, "https://ignored"))
        .contains("learner-kubeconfig-of-" + cluster);
    // The learner's access follows the setup, whose namespaces it names.
    assertThat(applied)
        .containsExactly(
            "kubeconfig-of-" + cluster + " <- VirtualService",
            "kubeconfig-of-" + cluster + " <- access " + LearnerRights.ENVIRONMENT_ONLY);
    assertThat(pool.leaseOf("alice-1").orElseThrow().owner()).isEqualTo("alice-1");
  }

  @Test
  void waitsInTheQueueReportingItsPositionAndGetsAFreshClusterWhenOneIsReleased() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession first = session("first");
    assertThat(new Driver().run(provisioner, first, false)).isInstanceOf(Done.class);
    String firstCluster = pool.leaseOf("first").orElseThrow().id();

    runtime.gate = new CountDownLatch(1);
    SandboxSession second = session("second");
    SandboxSession third = session("third");
    Driver secondDriver = new Driver();
    Driver thirdDriver = new Driver();
    CompletableFuture<Step> secondDone = prepareAsync(provisioner, second, secondDriver);
    await("the second waits first in line", () -> secondDriver.events().contains("queued at 1"));
    CompletableFuture<Step> thirdDone = prepareAsync(provisioner, third, thirdDriver);
    await("the third waits behind it", () -> thirdDriver.events().contains("queued at 2"));

    provisioner.release(first);
    await("the first cluster is destroyed", () -> runtime.destroyed().contains(firstCluster));
    await("the third moves up", () -> thirdDriver.events().contains("queued at 1"));
    runtime.gate.countDown();
    assertThat(secondDone.get(10, TimeUnit.SECONDS)).isInstanceOf(Done.class);

    String secondCluster = pool.leaseOf("second").orElseThrow().id();
    assertThat(secondCluster).isNotEqualTo(firstCluster);
    assertThat(provisioner.serviceKubeconfig(second, null))
        .contains("kubeconfig-of-" + secondCluster);
    assertThat(secondDriver.events().get(0)).isEqualTo("queued at 1");
    assertThat(thirdDriver.events()).containsSubsequence("queued at 2", "queued at 1");

    // Releasing a sandbox that still waits takes it out of the queue; its next step says so.
    provisioner.release(third);
    assertThat(thirdDone.get(10, TimeUnit.SECONDS)).isInstanceOf(Failed.class);
    assertThat(pool.snapshot().queued()).isZero();
  }

  @Test
  void aStepAfterARestartThatLostTheClusterFailsWithAReasonInsteadOfWaiting() {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    // Begun by the previous process; this pool never heard of it.
    Step step =
        provisioner.prepare(session("lost-1"), new Preparation(BOOKINFO, setup(), false, true));
    assertThat(step).isInstanceOf(Failed.class);
    assertThat(((Failed) step).reason()).contains("restarted");
    assertThat(pool.snapshot().used()).isZero();
  }

  @Test
  void aFailedInstallNamesItsStepAndLeavesNoClusterBehind() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    runtime.failingSteps.put("bookinfo", "helm install istiod");
    SandboxSession bob = session("bob-1");

    Step step = new Driver().run(provisioner, bob, false);
    assertThat(step).isInstanceOf(Failed.class);
    assertThat(((Failed) step).step()).isEqualTo("helm install istiod");
    assertThat(((Failed) step).reason()).contains("image pull backoff");
    String cluster = pool.leaseOf("bob-1").orElseThrow().id();
    assertThat(applied).isEmpty();

    provisioner.release(bob);
    assertThat(pool.leaseOf("bob-1")).isEmpty();
    await("the failed cluster is removed", () -> runtime.destroyed().contains(cluster));
    assertThat(runtime.live).doesNotContain(cluster);
    // The failure held no slot: the next learner gets a cluster at once.
    runtime.failingSteps.clear();
    assertThat(new Driver().run(provisioner, session("carol-1"), false)).isInstanceOf(Done.class);
  }

  @Test
  void extendingTheSessionExtendsTheClustersLease() throws Exception {
    ClusterPool pool = pool(2, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession dana = session("dana-1");
    new Driver().run(provisioner, dana, false);
    Instant before = pool.leaseOf("dana-1").orElseThrow().expiresAt();

    provisioner.extend(dana, Duration.ofMinutes(30));

    assertThat(pool.leaseOf("dana-1").orElseThrow().expiresAt())
        .isEqualTo(before.plus(Duration.ofMinutes(30)));
    provisioner.extend(session("nobody"), Duration.ofMinutes(30));
  }

  @Test
  void releaseGivesTheClusterBackWhichIsNeverHandedToAnyoneElse() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession dave = session("dave-1");
    new Driver().run(provisioner, dave, false);
    String cluster = pool.leaseOf("dave-1").orElseThrow().id();

    provisioner.release(dave);
    await("the cluster is destroyed", () -> runtime.destroyed().contains(cluster));
    assertThat(provisioner.lost(dave)).isPresent();
    assertThat(pool.snapshot().used()).isZero();

    SandboxSession erin = session("erin-1");
    new Driver().run(provisioner, erin, false);
    assertThat(pool.leaseOf("erin-1").orElseThrow().id()).isNotEqualTo(cluster);
    // Releasing twice, or a sandbox that never had a cluster, is harmless.
    provisioner.release(dave);
    provisioner.release(session("nobody"));
    assertThat(provisioner.lost(erin)).isEmpty();
  }

  @Test
  void touchingASessionPushesBackItsLeasesIdleTime() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession jo = session("jo-1");
    new Driver().run(provisioner, jo, false);
    java.time.Instant before = pool.leaseOf("jo-1").orElseThrow().lastActivity();
    Thread.sleep(5);

    provisioner.touch(jo);

    assertThat(pool.leaseOf("jo-1").orElseThrow().lastActivity()).isAfter(before);
    provisioner.touch(session("nobody"));
  }

  @Test
  void resetReplacesTheClusterWithAFreshOne() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession frank = session("frank-1");
    new Driver().run(provisioner, frank, false);
    String before = pool.leaseOf("frank-1").orElseThrow().id();

    assertThat(new Driver().run(provisioner, frank, true)).isInstanceOf(Done.class);

    String after = pool.leaseOf("frank-1").orElseThrow().id();
    assertThat(after).isNotEqualTo(before);
    await("the old cluster is destroyed", () -> runtime.destroyed().contains(before));
    assertThat(provisioner.serviceKubeconfig(frank, null)).contains("kubeconfig-of-" + after);
    assertThat(applied)
        .containsExactly(
            "kubeconfig-of-" + before + " <- VirtualService",
            "kubeconfig-of-" + before + " <- access " + LearnerRights.ENVIRONMENT_ONLY,
            "kubeconfig-of-" + after + " <- VirtualService",
            "kubeconfig-of-" + after + " <- access " + LearnerRights.ENVIRONMENT_ONLY);
  }

  @Test
  void aFullQueueRefusesWithThePoolsMessage() throws Exception {
    ClusterPool pool = pool(1, 0);
    KindProvisioner provisioner = provisioner(pool);
    new Driver().run(provisioner, session("gina-1"), false);

    Step step = new Driver().run(provisioner, session("hank-1"), false);
    assertThat(step).isInstanceOf(Failed.class);
    assertThat(((Failed) step).step()).isEqualTo("Queued");
    assertThat(((Failed) step).reason()).contains("All 1 sandbox clusters of this host are in use");
  }

  @Test
  void aClusterThatIssuesNoLearnerKubeconfigIsABadGateway() {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner =
        withLearner(
            pool,
            new RecordingLearner(
                new ArrayList<>(), new KubernetesClientException("connection refused")),
            owner -> LearnerRights.ENVIRONMENT_ONLY,
            false);
    SandboxSession kim = session("kim-1");
    new Driver().run(provisioner, kim, false);
    assertThatThrownBy(() -> provisioner.learnerKubeconfig(kim, null))
        .isInstanceOfSatisfying(
            WebApplicationException.class,
            e -> {
              assertThat(e.getResponse().getStatus()).isEqualTo(502);
              assertThat(e.getMessage()).contains("kim-1").contains("connection refused");
            });
  }

  @Test
  void withoutAPoolItIsUnavailableAndSaysWhy() {
    KindProvisioner provisioner =
        new KindProvisioner(
            Optional::empty,
            () -> new KindAvailability(false, "no Docker engine"),
            (kubeconfig, objects) -> {},
            new RecordingLearner(new ArrayList<>(), null),
            owner -> LearnerRights.ENVIRONMENT_ONLY,
            false,
            Duration.ofMillis(2));
    assertThat(provisioner.unavailable()).contains("no Docker engine");
    assertThat(provisioner.name()).isEqualTo("kind");
    Step step = new Driver().run(provisioner, session("ivy-1"), false);
    assertThat(step).isInstanceOf(Failed.class);
    assertThat(((Failed) step).reason()).contains("no Docker engine");
  }

  @Test
  void labsThatNeedTheWholeClusterAreDeclinedUnlessTheOperatorAllowsThem() {
    LearnerRights installer = new LearnerRights(List.of("bookinfo"), true);
    LearnerRights namespaced = new LearnerRights(List.of("shop"), false);
    KindProvisioner strict = allowingClusterAdmins(false);
    assertThat(strict.declines(namespaced)).isEmpty();
    assertThat(strict.declines(installer))
        .hasValueSatisfying(
            why -> assertThat(why).contains("meshdojo.sandbox.kind.cluster-admin-labs=true"));
    KindProvisioner allowing = allowingClusterAdmins(true);
    assertThat(allowing.declines(installer)).isEmpty();
  }

  @Test
  void theLearnersKubeconfigCarriesTheRightsOfTheSandboxesLab() {
    List<String> granted = new ArrayList<>();
    LearnerRights shop = new LearnerRights(List.of("shop"), false);
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner =
        withLearner(
            pool,
            new RecordingLearner(granted, null) {
              @Override
              public String issue(Lease lease, LearnerRights rights) {
                granted.add("issued for " + rights);
                return "learner";
              }
            },
            owner -> owner.equals("lena-1") ? shop : LearnerRights.ENVIRONMENT_ONLY,
            false);
    SandboxSession lena = session("lena-1");
    lena.labId = "lena-1";
    Step step = new Driver().run(provisioner, lena, false);
    assertThat(step).isInstanceOf(Done.class);
    assertThat(provisioner.learnerKubeconfig(lena, null)).contains("learner");
    assertThat(granted).last().isEqualTo("issued for " + shop);
  }

  private KindProvisioner allowingClusterAdmins(boolean allowed) {
    return withLearner(
        pool(1, 5),
        new RecordingLearner(new ArrayList<>(), null),
        owner -> LearnerRights.ENVIRONMENT_ONLY,
        allowed);
  }

  /** A provisioner over {@code pool} whose setup applies nothing, with this learner's access. */
  static KindProvisioner withLearner(
      ClusterPool pool,
      KindProvisioner.LearnerKubeconfigs learner,
      java.util.function.Function<String, LearnerRights> rights,
      boolean clusterAdminLabs) {
    return new KindProvisioner(
        () -> Optional.of(pool),
        () -> new KindAvailability(true, null),
        (kubeconfig, objects) -> {},
        learner,
        rights,
        clusterAdminLabs,
        Duration.ofMillis(2));
  }
}

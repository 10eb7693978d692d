package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.SandboxProvisioner;
import io.meshdojo.sandbox.SandboxProvisioner.ProvisioningException;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.SandboxStatus;
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
 * The kind provisioner's state machine over a real {@link ClusterPool} and the in-memory runtime:
 * queue positions, install progress, failures naming their step, release on destroy. No Docker.
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
        lease -> "learner-" + lease.kubeconfig(),
        Duration.ofMillis(2));
  }

  /** What a session would show, in order. */
  static final class Recorded implements SandboxProvisioner.Progress {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void step(String step, int percent) {
      events.add(step + " " + percent + "%");
    }

    @Override
    public synchronized void queued(int position) {
      events.add("queued at " + position);
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

  CompletableFuture<Void> provisionAsync(
      KindProvisioner provisioner, SandboxSession session, Recorded progress) {
    return CompletableFuture.runAsync(
        () -> provisioner.provision(session, BOOKINFO, setup(), progress), learners);
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
    CountDownLatch gate = runtime.gate;
    if (gate != null) {
      gate.countDown();
    }
    learners.shutdownNow();
    poolWorkers.shutdownNow();
  }

  @Test
  void reportsTheInstallStepsThenIsReadyWithTheClustersKubeconfigAndTheLabSetupApplied()
      throws Exception {
    ClusterPool pool = pool(2, 5);
    KindProvisioner provisioner = provisioner(pool);
    runtime.gate = new CountDownLatch(1);
    SandboxSession alice = session("alice-1");
    Recorded progress = new Recorded();

    CompletableFuture<Void> done = provisionAsync(provisioner, alice, progress);
    await("the cluster is being created", () -> runtime.started.size() == 1);
    String cluster = runtime.started.iterator().next();
    assertThat(provisioner.status(alice)).isEqualTo(SandboxStatus.PROVISIONING);
    assertThatThrownBy(() -> provisioner.kubeconfig(alice, null, null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> provisioner.learnerKubeconfig(alice, null, null))
        .isInstanceOf(IllegalStateException.class);

    runtime.progress.put(cluster, new InstallPlanRunner.Progress(3, 10, "helm install istiod"));
    await("istiod is reported", () -> progress.events().contains("helm install istiod 20%"));
    runtime.progress.put(cluster, new InstallPlanRunner.Progress(9, 10, "wait for bookinfo"));
    await("the last step is reported", () -> progress.events().contains("wait for bookinfo 80%"));
    runtime.gate.countDown();
    done.get(10, TimeUnit.SECONDS);

    assertThat(progress.events())
        .containsSubsequence("helm install istiod 20%", "wait for bookinfo 80%", "Lab setup 99%")
        .doesNotHaveDuplicates();
    assertThat(provisioner.status(alice)).isEqualTo(SandboxStatus.READY);
    assertThat(provisioner.kubeconfig(alice, "ignored", "https://ignored"))
        .isEqualTo("kubeconfig-of-" + cluster);
    // The learner gets a kubeconfig of its own, never the admin one the service works with.
    assertThat(provisioner.learnerKubeconfig(alice, "ignored", "https://ignored"))
        .isEqualTo("learner-kubeconfig-of-" + cluster);
    assertThat(applied).containsExactly("kubeconfig-of-" + cluster + " <- VirtualService");
    assertThat(pool.leaseOf("alice-1").orElseThrow().owner()).isEqualTo("alice-1");
  }

  @Test
  void waitsInTheQueueReportingItsPositionAndGetsAFreshClusterWhenOneIsReleased() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession first = session("first");
    provisioner.provision(first, BOOKINFO, List.of(), new Recorded());
    String firstCluster = pool.leaseOf("first").orElseThrow().id();

    runtime.gate = new CountDownLatch(1);
    SandboxSession second = session("second");
    SandboxSession third = session("third");
    Recorded secondProgress = new Recorded();
    Recorded thirdProgress = new Recorded();
    CompletableFuture<Void> secondDone = provisionAsync(provisioner, second, secondProgress);
    await("the second waits first in line", () -> secondProgress.events().contains("queued at 1"));
    CompletableFuture<Void> thirdDone = provisionAsync(provisioner, third, thirdProgress);
    await("the third waits behind it", () -> thirdProgress.events().contains("queued at 2"));
    assertThat(provisioner.status(second)).isEqualTo(SandboxStatus.PROVISIONING);

    provisioner.destroy(first);
    await("the first cluster is destroyed", () -> runtime.destroyed().contains(firstCluster));
    await("the third moves up", () -> thirdProgress.events().contains("queued at 1"));
    runtime.gate.countDown();
    secondDone.get(10, TimeUnit.SECONDS);

    String secondCluster = pool.leaseOf("second").orElseThrow().id();
    assertThat(secondCluster).isNotEqualTo(firstCluster);
    assertThat(provisioner.kubeconfig(second, null, null))
        .isEqualTo("kubeconfig-of-" + secondCluster);
    assertThat(secondProgress.events().get(0)).isEqualTo("queued at 1");
    assertThat(thirdProgress.events()).containsSubsequence("queued at 2", "queued at 1");

    // Ending a session that still waits takes it out of the queue.
    provisioner.destroy(third);
    assertThatThrownBy(() -> thirdDone.join())
        .hasCauseInstanceOf(ProvisioningException.class)
        .cause()
        .satisfies(e -> assertThat(((ProvisioningException) e).step()).isEqualTo("Queued"));
    assertThat(pool.snapshot().queued()).isZero();
    assertThat(provisioner.status(third)).isEqualTo(SandboxStatus.ENDED);
  }

  @Test
  void aFailedInstallNamesItsStepAndLeavesNoClusterBehind() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    runtime.failingSteps.put("bookinfo", "helm install istiod");
    SandboxSession bob = session("bob-1");

    assertThatThrownBy(() -> provisioner.provision(bob, BOOKINFO, setup(), new Recorded()))
        .isInstanceOfSatisfying(
            ProvisioningException.class,
            e -> {
              assertThat(e.step()).isEqualTo("helm install istiod");
              assertThat(e.getMessage()).contains("image pull backoff");
            });
    String cluster = pool.leaseOf("bob-1").orElseThrow().id();
    assertThat(provisioner.status(bob)).isEqualTo(SandboxStatus.FAILED);
    assertThat(applied).isEmpty();

    provisioner.destroy(bob);
    assertThat(pool.leaseOf("bob-1")).isEmpty();
    await("the failed cluster is removed", () -> runtime.destroyed().contains(cluster));
    assertThat(runtime.live).doesNotContain(cluster);
    // The failure held no slot: the next learner gets a cluster at once.
    runtime.failingSteps.clear();
    provisioner.provision(session("carol-1"), BOOKINFO, List.of(), new Recorded());
    assertThat(provisioner.status(session("carol-1"))).isEqualTo(SandboxStatus.READY);
  }

  @Test
  void extendingTheSessionExtendsTheClustersLease() throws Exception {
    ClusterPool pool = pool(2, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession dana = session("dana-1");
    provisioner.provision(dana, BOOKINFO, List.of(), new Recorded());
    Instant before = pool.leaseOf("dana-1").orElseThrow().expiresAt();

    provisioner.extend(dana, Duration.ofMinutes(30));

    assertThat(pool.leaseOf("dana-1").orElseThrow().expiresAt())
        .isEqualTo(before.plus(Duration.ofMinutes(30)));
    provisioner.extend(session("nobody"), Duration.ofMinutes(30));
  }

  @Test
  void destroyReleasesTheClusterWhichIsNeverHandedToAnyoneElse() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession dave = session("dave-1");
    provisioner.provision(dave, BOOKINFO, List.of(), new Recorded());
    String cluster = pool.leaseOf("dave-1").orElseThrow().id();

    provisioner.destroy(dave);
    await("the cluster is destroyed", () -> runtime.destroyed().contains(cluster));
    assertThat(provisioner.status(dave)).isEqualTo(SandboxStatus.ENDED);
    assertThat(pool.snapshot().used()).isZero();

    SandboxSession erin = session("erin-1");
    provisioner.provision(erin, BOOKINFO, List.of(), new Recorded());
    assertThat(pool.leaseOf("erin-1").orElseThrow().id()).isNotEqualTo(cluster);
    // Destroying twice, or a session that never had a cluster, is harmless.
    provisioner.destroy(dave);
    provisioner.destroy(session("nobody"));
    assertThat(provisioner.status(erin)).isEqualTo(SandboxStatus.READY);
  }

  @Test
  void touchingASessionPushesBackItsLeasesIdleTime() throws Exception {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner = provisioner(pool);
    SandboxSession jo = session("jo-1");
    provisioner.provision(jo, BOOKINFO, List.of(), new Recorded());
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
    provisioner.provision(frank, BOOKINFO, setup(), new Recorded());
    String before = pool.leaseOf("frank-1").orElseThrow().id();

    provisioner.reset(frank, BOOKINFO, setup(), new Recorded());

    String after = pool.leaseOf("frank-1").orElseThrow().id();
    assertThat(after).isNotEqualTo(before);
    await("the old cluster is destroyed", () -> runtime.destroyed().contains(before));
    assertThat(provisioner.kubeconfig(frank, null, null)).isEqualTo("kubeconfig-of-" + after);
    assertThat(applied)
        .containsExactly(
            "kubeconfig-of-" + before + " <- VirtualService",
            "kubeconfig-of-" + after + " <- VirtualService");
  }

  @Test
  void aFullQueueRefusesWithThePoolsMessage() throws Exception {
    ClusterPool pool = pool(1, 0);
    KindProvisioner provisioner = provisioner(pool);
    provisioner.provision(session("gina-1"), BOOKINFO, List.of(), new Recorded());

    assertThatThrownBy(
            () -> provisioner.provision(session("hank-1"), BOOKINFO, List.of(), new Recorded()))
        .isInstanceOfSatisfying(
            ProvisioningException.class,
            e -> {
              assertThat(e.step()).isEqualTo("Queued");
              assertThat(e.getMessage()).contains("All 1 sandbox clusters of this host are in use");
            });
  }

  @Test
  void aClusterThatIssuesNoLearnerKubeconfigIsABadGateway() {
    ClusterPool pool = pool(1, 5);
    KindProvisioner provisioner =
        new KindProvisioner(
            () -> Optional.of(pool),
            () -> new KindAvailability(true, null),
            (kubeconfig, objects) -> {},
            lease -> {
              throw new KubernetesClientException("connection refused");
            },
            Duration.ofMillis(2));
    SandboxSession kim = session("kim-1");
    provisioner.provision(kim, BOOKINFO, List.of(), new Recorded());
    assertThatThrownBy(() -> provisioner.learnerKubeconfig(kim, null, null))
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
            lease -> "learner-" + lease.kubeconfig(),
            Duration.ofMillis(2));
    assertThat(provisioner.available()).isFalse();
    assertThat(provisioner.unavailableReason()).isEqualTo("no Docker engine");
    assertThat(provisioner.backend()).isEqualTo("kind");
    assertThatThrownBy(
            () -> provisioner.provision(session("ivy-1"), BOOKINFO, List.of(), new Recorded()))
        .isInstanceOf(ProvisioningException.class)
        .hasMessageContaining("no Docker engine");
  }
}

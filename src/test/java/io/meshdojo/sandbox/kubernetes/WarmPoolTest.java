package io.meshdojo.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.meshdojo.sandbox.kubernetes.SandboxPods.SandboxPod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warm pool against fabric8's API server stand-in (CRUD mode, which answers a stale
 * resourceVersion with 409 as the real API server does); there is no cluster here.
 */
@EnableKubernetesMockClient(crud = true)
class WarmPoolTest {

  static final String NAMESPACE = "sandboxes";

  KubernetesMockServer server;
  KubernetesClient client;

  final Pod template =
      new PodBuilder()
          .withNewMetadata()
          .addToLabels("app.kubernetes.io/name", "meshdojo-sandbox")
          .endMetadata()
          .withNewSpec()
          .addNewContainer()
          .withName("cluster")
          .withImage("docker.io/rancher/k3s:v1.32.2-k3s1")
          .endContainer()
          .endSpec()
          .build();

  ExecutorService threads;

  @BeforeEach
  void startThreads() {
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  WarmPool pool(int size) {
    return new WarmPool(client, NAMESPACE, size, template);
  }

  List<Pod> pods() {
    return client.pods().inNamespace(NAMESPACE).list().getItems();
  }

  @Test
  void refillCreatesWarmPodsFromTheTemplateUpToTheSize() {
    WarmPool pool = pool(3);

    assertThat(pool.refill()).isEqualTo(3);

    assertThat(pods()).hasSize(3);
    assertThat(pods())
        .allSatisfy(
            pod -> {
              assertThat(pod.getMetadata().getLabels())
                  .containsEntry(WarmPool.POOL_LABEL, WarmPool.WARM)
                  .containsEntry("app.kubernetes.io/name", "meshdojo-sandbox");
              assertThat(pod.getMetadata().getName()).startsWith(WarmPool.NAME_PREFIX);
              assertThat(pod.getSpec().getContainers().get(0).getImage())
                  .isEqualTo("docker.io/rancher/k3s:v1.32.2-k3s1");
            });
    assertThat(pool.refill()).as("a full pool creates nothing").isZero();
    assertThat(pods()).hasSize(3);
  }

  @Test
  void claimedPodsLeaveThePoolAndRefillReplacesThem() {
    WarmPool pool = pool(3);
    pool.refill();

    SandboxPod first = pool.claim("sandbox-1").orElseThrow();
    SandboxPod second = pool.claim("sandbox-2").orElseThrow();

    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(pool.warm()).hasSize(1);
    assertThat(pool.refill()).isEqualTo(2);
    assertThat(pool.warm()).hasSize(3);
    assertThat(pods()).hasSize(5);
    assertThat(pool.find("sandbox-1")).contains(first);
    assertThat(client.pods().inNamespace(NAMESPACE).withName(first.name()).get())
        .satisfies(
            pod ->
                assertThat(pod.getMetadata().getLabels())
                    .containsEntry(WarmPool.POOL_LABEL, WarmPool.CLAIMED)
                    .containsEntry(WarmPool.SANDBOX_LABEL, "sandbox-1"));
  }

  @Test
  void claimingAgainReturnsThePodTheSandboxHolds() {
    WarmPool pool = pool(2);
    pool.refill();

    SandboxPod held = pool.claim("sandbox-1").orElseThrow();

    assertThat(pool.claim("sandbox-1")).contains(held);
    assertThat(pool.warm()).hasSize(1);
  }

  @Test
  void anEmptyPoolHandsOutNothing() {
    WarmPool pool = pool(1);
    pool.refill();
    pool.claim("sandbox-1").orElseThrow();

    assertThat(pool.claim("sandbox-2")).isEmpty();
    assertThat(pool.find("sandbox-2")).isEmpty();
  }

  @Test
  void aClaimOnAStalePodLosesWithoutTakingItAndTheNextWarmPodIsTaken() {
    WarmPool pool = pool(2);
    pool.refill();
    Pod stale = pool.warm().get(0);

    assertThat(pool.tryClaim(stale, "sandbox-a")).isTrue();
    assertThat(pool.tryClaim(stale, "sandbox-b"))
        .as("the pod changed since it was read: 409 Conflict")
        .isFalse();

    Pod taken = client.pods().inNamespace(NAMESPACE).withName(stale.getMetadata().getName()).get();
    assertThat(taken.getMetadata().getLabels()).containsEntry(WarmPool.SANDBOX_LABEL, "sandbox-a");
    SandboxPod other = pool.claim("sandbox-b").orElseThrow();
    assertThat(other.name()).isNotEqualTo(stale.getMetadata().getName());
  }

  @Test
  void aPodDeletedSinceItWasReadIsSkipped() {
    WarmPool pool = pool(1);
    pool.refill();
    Pod gone = pool.warm().get(0);
    client.pods().inNamespace(NAMESPACE).withName(gone.getMetadata().getName()).delete();

    assertThat(pool.tryClaim(gone, "sandbox-a")).isFalse();
  }

  @Test
  void twoReplicasRacingNeverGetTheSamePod() throws Exception {
    int warm = 6;
    pool(warm).refill();
    // Two pools on the same cluster, as two replicas of the service would have.
    WarmPool replicaA = pool(warm);
    WarmPool replicaB = pool(warm);
    CountDownLatch start = new CountDownLatch(1);

    Future<List<SandboxPod>> a = threads.submit(claims(replicaA, "a", 5, start));
    Future<List<SandboxPod>> b = threads.submit(claims(replicaB, "b", 5, start));
    start.countDown();
    List<SandboxPod> won = new ArrayList<>(a.get(30, TimeUnit.SECONDS));
    won.addAll(b.get(30, TimeUnit.SECONDS));

    assertThat(won).hasSize(warm);
    assertThat(won).extracting(SandboxPod::name).doesNotHaveDuplicates();
    Map<String, String> holderOfPod =
        pods().stream()
            .collect(
                Collectors.toMap(
                    pod -> pod.getMetadata().getName(),
                    pod -> pod.getMetadata().getLabels().getOrDefault(WarmPool.SANDBOX_LABEL, "")));
    assertThat(won)
        .allSatisfy(
            claim -> assertThat(holderOfPod).containsEntry(claim.name(), claim.sandboxId()));
    assertThat(replicaA.warm()).isEmpty();
  }

  static Callable<List<SandboxPod>> claims(
      WarmPool pool, String replica, int count, CountDownLatch start) {
    return () -> {
      start.await();
      List<SandboxPod> won = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        pool.claim(replica + "-" + i).ifPresent(won::add);
      }
      return won;
    };
  }

  @Test
  void releaseDeletesTheSandboxesPodAndLeavesTheOthers() {
    WarmPool pool = pool(2);
    pool.refill();
    SandboxPod released = pool.claim("sandbox-1").orElseThrow();
    SandboxPod kept = pool.claim("sandbox-2").orElseThrow();

    pool.release("sandbox-1");
    pool.release("sandbox-1");

    assertThat(pool.find("sandbox-1")).isEmpty();
    assertThat(pool.find("sandbox-2")).contains(kept);
    assertThat(pods()).extracting(p -> p.getMetadata().getName()).doesNotContain(released.name());
    assertThat(pool.refill()).isEqualTo(2);
  }

  @Test
  void readyPodsAreClaimedFirst() {
    WarmPool pool = pool(3);
    pool.refill();
    Pod last = pool.warm().get(2);
    Pod ready =
        new PodBuilder(last)
            .withNewStatus()
            .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
            .endStatus()
            .build();
    client.pods().inNamespace(NAMESPACE).resource(ready).updateStatus();

    assertThat(pool.claim("sandbox-1").map(SandboxPod::name))
        .isEqualTo(Optional.of(last.getMetadata().getName()));
  }

  @Test
  void aSandboxIdMustBeALabelValue() {
    WarmPool pool = pool(1);

    assertThatThrownBy(() -> pool.claim("not a label value"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label value");
    assertThatThrownBy(() -> pool.release("x".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WarmPool(client, NAMESPACE, -1, template))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void poolsOfDifferentTemplatesInOneNamespaceTakeOnlyTheirOwnPods() {
    WarmPool ecosystem = new WarmPool(client, NAMESPACE, 1, ofEnvironment("ecosystem"));
    ecosystem.refill();
    WarmPool bookinfo = new WarmPool(client, NAMESPACE, 2, ofEnvironment("bookinfo"));
    bookinfo.refill();

    assertThat(ecosystem.warm()).hasSize(1);
    String ecosystemPod = ecosystem.warm().get(0).getMetadata().getName();
    assertThat(ecosystem.claim("sandbox-e").map(SandboxPod::name)).contains(ecosystemPod);
    assertThat(ecosystem.claim("sandbox-f")).isEmpty();
    assertThat(bookinfo.warm()).hasSize(2);
  }

  Pod ofEnvironment(String environment) {
    return new PodBuilder(template)
        .editMetadata()
        .addToLabels("meshdojo.io/environment", environment)
        .endMetadata()
        .build();
  }

  @Test
  void createMakesAPodTheSandboxHoldsOnceAndNeverAWarmOne() {
    WarmPool pool = pool(0);

    SandboxPod created = pool.create("sandbox-1");
    SandboxPod again = pool.create("sandbox-1");

    assertThat(again).isEqualTo(created);
    assertThat(pods()).hasSize(1);
    assertThat(pods().get(0).getMetadata().getLabels())
        .containsEntry(WarmPool.POOL_LABEL, WarmPool.CLAIMED)
        .containsEntry(WarmPool.SANDBOX_LABEL, "sandbox-1");
    assertThat(pool.warm()).isEmpty();
    assertThat(pool.find("sandbox-1")).contains(created);
  }
}

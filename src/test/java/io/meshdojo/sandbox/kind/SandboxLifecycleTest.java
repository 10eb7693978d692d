package io.meshdojo.sandbox.kind;

import static io.meshdojo.sandbox.kind.KindSessionApiTest.as;
import static io.meshdojo.sandbox.kind.KindSessionApiTest.await;
import static io.meshdojo.sandbox.kind.KindSessionApiTest.awaitStatus;
import static io.meshdojo.sandbox.kind.KindSessionApiTest.newLearner;
import static io.meshdojo.sandbox.kind.KindSessionApiTest.session;
import static io.meshdojo.sandbox.kind.KindSessionApiTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.ReconcileLoop;
import io.meshdojo.sandbox.SandboxSessionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one lifecycle of a sandbox, on the kind path (a pool of one cluster over the in-memory
 * runtime): what a restart leaves behind is resumed or failed with a reason, a reset while the
 * sandbox is still being prepared replaces that preparation, and capacity is never overshot.
 */
@QuarkusTest
@TestProfile(KindSessionApiTest.KindBackend.class)
class SandboxLifecycleTest {

  @Inject InMemoryKindProvisioner kind;
  @Inject SandboxSessionRepository sessions;
  @Inject ReconcileLoop loop;

  final List<String[]> started = new ArrayList<>();

  InMemoryClusterRuntime runtime() {
    return kind.state.runtime;
  }

  String startFor(String user) {
    String id = start(user);
    started.add(new String[] {user, id});
    return id;
  }

  @AfterEach
  void endEverything() throws Exception {
    runtime().failingSteps.clear();
    CountDownLatch gate = runtime().gate;
    if (gate != null) {
      gate.countDown();
    }
    for (String[] s : started) {
      as(s[0]).delete("/api/sessions/" + s[1]).then().statusCode(204);
    }
    try {
      await("the pool is empty", () -> kind.state.pool.snapshot().used() == 0);
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + ": " + kind.state.pool.snapshot() + " " + kind.state.pool.clusterIds());
    }
  }

  @Test
  void afterARestartASandboxWhoseClusterIsGoneFailsWithAReasonAndFreesItsLearnersSlot()
      throws Exception {
    runtime().gate = new CountDownLatch(1);
    String user = newLearner();
    // As many as a learner may have: one cluster being created, two requests queued behind it.
    List<String> ids = List.of(startFor(user), startFor(user), startFor(user));
    as(user).post("/api/labs/authz-bookinfo/sessions").then().statusCode(409);
    await(
        "every sandbox has asked the pool",
        () ->
            ids.stream()
                .allMatch(
                    id ->
                        QuarkusTransaction.requiringNew()
                            .call(() -> sessions.findById(id).attempts > 0)));

    // The process stops: a new one's pool has neither the cluster being created nor the queue.
    ids.forEach(kind.state.pool::withdraw);
    loop.resumeUnsettled();

    for (String id : ids) {
      awaitStatus(user, id, "FAILED");
      assertThat(session(user, id).getString("error")).contains("restarted");
    }
    assertThat(kind.state.pool.snapshot().queued()).isZero();
    // Failed sandboxes no longer count against the learner's limit.
    startFor(user);
  }

  @Test
  void afterARestartASandboxWhoseClusterWasAdoptedResumesToReady() throws Exception {
    String user = newLearner();
    String id = startFor(user);
    awaitStatus(user, id, "READY");
    String cluster = kind.state.pool.leaseOf(id).orElseThrow().id();
    int created = runtime().created.size();
    // The process stopped after the cluster was ready but before the row said so; the new one's
    // pool adopted the cluster (ClusterPool.reconcile).
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              var row = sessions.findById(id);
              row.phase = "PROVISIONING";
              row.step = "helm install istiod";
              row.percent = 20;
              row.observedGeneration = 0;
              row.attempts = 4;
              row.nextReconcileAt = null;
            });
    assertThat(session(user, id).getString("status")).isEqualTo("PROVISIONING");

    loop.resumeUnsettled();

    awaitStatus(user, id, "READY");
    assertThat(kind.state.pool.leaseOf(id).orElseThrow().id()).isEqualTo(cluster);
    assertThat(runtime().created).hasSize(created);
  }

  @Test
  void aResetWhileTheClusterIsStillBeingCreatedReplacesItAndTheOldOnesFailureChangesNothing()
      throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    runtime().gate = first;
    String user = newLearner();
    String id = startFor(user);
    await("a cluster is being created", () -> kind.state.pool.leaseOf(id).isPresent());
    String old = kind.state.pool.leaseOf(id).orElseThrow().id();
    await("its creation has started", () -> runtime().started.contains(old));

    as(user).post("/api/sessions/" + id + "/reset").then().statusCode(200);
    // The old cluster keeps the host's only slot until its creation ends: the new one waits.
    await(
        "the reset waits for the slot",
        () -> session(user, id).get("progress.queuePosition") != null);
    assertThat(session(user, id).getString("status")).isEqualTo("PROVISIONING");

    // The old cluster's creation fails; the new one's waits for a gate of its own.
    runtime().failingSteps.put("bookinfo", "helm install istiod");
    CountDownLatch second = new CountDownLatch(1);
    runtime().gate = second;
    first.countDown();
    await("the new cluster is being created", () -> kind.state.pool.leaseOf(id).isPresent());
    String fresh = kind.state.pool.leaseOf(id).orElseThrow().id();
    await("its creation has started", () -> runtime().started.contains(fresh));
    assertThat(session(user, id).getString("status")).isEqualTo("PROVISIONING");
    runtime().failingSteps.clear();
    second.countDown();

    awaitStatus(user, id, "READY");
    assertThat(fresh).isNotEqualTo(old);
    assertThat(session(user, id).getString("error")).isNull();
    assertThat(kind.state.pool.leaseOf(id).orElseThrow().id()).isEqualTo(fresh);
    assertThat(runtime().live).contains(fresh).doesNotContain(old);
  }

  @Test
  void concurrentStartsNeverOvershootTheLearnersLimitNorThePool() throws Exception {
    runtime().gate = new CountDownLatch(1);
    String user = newLearner();
    ExecutorService starters = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> starts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        starts.add(
            () -> {
              var response = as(user).post("/api/labs/authz-bookinfo/sessions");
              if (response.statusCode() == 201) {
                synchronized (started) {
                  started.add(new String[] {user, response.path("id")});
                }
              }
              return response.statusCode();
            });
      }
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> f : starters.invokeAll(starts)) {
        codes.add(f.get());
      }
      assertThat(codes).filteredOn(c -> c == 201).hasSize(3);
      assertThat(codes).filteredOn(c -> c == 409).hasSize(5);
    } finally {
      starters.shutdownNow();
    }
    assertThat(kind.state.pool.snapshot().used()).isEqualTo(1);
    assertThat(kind.state.pool.snapshot().queued()).isEqualTo(2);
  }
}

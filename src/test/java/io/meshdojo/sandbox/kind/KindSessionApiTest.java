package io.meshdojo.sandbox.kind;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshdojo.sandbox.EventStream;
import io.meshdojo.sandbox.LearnerRights;
import io.meshdojo.sandbox.SandboxSessionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sessions API on the kind path, without Docker: the kind provisioner runs over a real pool
 * (one cluster, a queue) and the in-memory runtime.
 */
@QuarkusTest
@TestProfile(KindSessionApiTest.KindBackend.class)
class KindSessionApiTest {

  public static class KindBackend implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("meshdojo.sandbox.backend", "kind");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(InMemoryKindProvisioner.class);
    }
  }

  static final String PASSWORD = "sandbox pass 42";

  @Inject InMemoryKindProvisioner kind;
  @Inject SandboxSessionRepository sessions;

  @TestHTTPResource("/api/sessions/")
  URL sessionsUrl;

  InMemoryClusterRuntime runtime() {
    return kind.state.runtime;
  }

  static String newLearner() {
    String name = "k" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
        .post("/api/signup")
        .then()
        .statusCode(201);
    return name;
  }

  static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, PASSWORD);
  }

  static JsonPath session(String user, String id) {
    return as(user).get("/api/sessions/" + id).then().statusCode(200).extract().jsonPath();
  }

  static String start(String user) {
    return as(user)
        .post("/api/labs/authz-bookinfo/sessions")
        .then()
        .statusCode(201)
        .body("status", equalTo("PROVISIONING"))
        .body("backend", equalTo("kind"))
        .extract()
        .path("id");
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  static void awaitStatus(String user, String id, String status) throws InterruptedException {
    await(id + " is " + status, () -> session(user, id).getString("status").equals(status));
  }

  @AfterEach
  void openTheGate() {
    CountDownLatch gate = runtime().gate;
    if (gate != null) {
      gate.countDown();
    }
    runtime().failingSteps.clear();
  }

  @Test
  void aKindSessionAnswersAtOnceThenStreamsItsInstallUntilReady() throws Exception {
    runtime().gate = new CountDownLatch(1);
    String user = newLearner();
    String id = start(user);
    await("the session has a cluster", () -> kind.state.pool.leaseOf(id).isPresent());
    String cluster = kind.state.pool.leaseOf(id).orElseThrow().id();
    await("its creation has started", () -> runtime().started.contains(cluster));
    as(user)
        .get("/api/sessions/" + id + "/kubeconfig")
        .then()
        .statusCode(409)
        .body("error", containsString("being prepared"));

    EventStream events = EventStream.open(URI.create(sessionsUrl + id + "/events"), user, PASSWORD);
    runtime().progress.put(cluster, new InstallPlanRunner.Progress(3, 10, "helm install istiod"));
    JsonNode istiod =
        events.await(
            "at istiod", e -> e.at("/progress/step").asText().equals("helm install istiod"));
    assertThat(istiod.get("status").asText()).isEqualTo("PROVISIONING");
    assertThat(istiod.at("/progress/percent").asInt()).isEqualTo(20);
    assertThat(session(user, id).getString("progress.step")).isEqualTo("helm install istiod");

    runtime().gate.countDown();
    List<JsonNode> all = events.awaitEnd();
    JsonNode last = all.get(all.size() - 1);
    assertThat(last.get("status").asText()).isEqualTo("READY");
    assertThat(last.at("/progress/percent").asInt()).isEqualTo(100);
    assertThat(all).extracting(e -> e.get("status").asText()).containsOnlyOnce("READY");

    String kubeconfig =
        as(user)
            .get("/api/sessions/" + id + "/kubeconfig")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    // The learner downloads the learner's kubeconfig; the lab setup went in with the admin one.
    assertThat(kubeconfig).isEqualTo("learner-kubeconfig-of-" + cluster);
    synchronized (kind.state.applied) {
      // Then the learner's access, to the namespaces the lab's setup works in.
      assertThat(kind.state.applied)
          .containsSubsequence(
              "kubeconfig-of-" + cluster + " <- PeerAuthentication",
              "kubeconfig-of-"
                  + cluster
                  + " <- access "
                  + new LearnerRights(List.of("bookinfo", "partner"), false));
    }

    String stranger = newLearner();
    as(stranger).get("/api/sessions/" + id + "/kubeconfig").then().statusCode(404);
    as(user).delete("/api/sessions/" + id).then().statusCode(204);
    await("the cluster is destroyed", () -> runtime().destroyed().contains(cluster));
    assertThat(kind.state.pool.leaseOf(id)).isEmpty();
    assertThat(session(user, id).getString("status")).isEqualTo("ENDED");
  }

  @Test
  void aSecondLearnerWaitsInTheQueueWithAVisiblePosition() throws Exception {
    String first = newLearner();
    String firstId = start(first);
    awaitStatus(first, firstId, "READY");

    String second = newLearner();
    String secondId = start(second);
    await(
        "the second is queued",
        () -> session(second, secondId).get("progress.queuePosition") != null);
    JsonPath queued = session(second, secondId);
    assertThat(queued.getString("status")).isEqualTo("PROVISIONING");
    assertThat(queued.getInt("progress.queuePosition")).isEqualTo(1);

    as(first).delete("/api/sessions/" + firstId).then().statusCode(204);
    awaitStatus(second, secondId, "READY");
    assertThat(session(second, secondId).getMap("progress")).doesNotContainKey("queuePosition");
    as(second).delete("/api/sessions/" + secondId).then().statusCode(204);
  }

  @Test
  void aSessionWhoseLeaseThePoolEndedIsExpiredAndAnExpiredSessionReleasesItsCluster()
      throws Exception {
    String user = newLearner();
    String reaped = start(user);
    awaitStatus(user, reaped, "READY");
    String cluster = kind.state.pool.leaseOf(reaped).orElseThrow().id();
    kind.state.pool.release(cluster);
    JsonPath gone = session(user, reaped);
    assertThat(gone.getString("status")).isEqualTo("EXPIRED");
    assertThat(gone.getString("error")).contains("ended by the pool");
    as(user).get("/api/sessions/" + reaped + "/kubeconfig").then().statusCode(409);

    String expiring = start(user);
    awaitStatus(user, expiring, "READY");
    String second = kind.state.pool.leaseOf(expiring).orElseThrow().id();
    QuarkusTransaction.requiringNew()
        .run(() -> sessions.findById(expiring).expiresAt = Instant.now().minusSeconds(1));
    assertThat(session(user, expiring).getString("status")).isEqualTo("EXPIRED");
    assertThat(kind.state.pool.leaseOf(expiring)).isEmpty();
    await("the cluster is destroyed", () -> runtime().destroyed().contains(second));
  }

  @Test
  void aFailedInstallSaysWhichStepAndLeavesNoCluster() throws Exception {
    runtime().failingSteps.put("bookinfo", "helm install istiod");
    String user = newLearner();
    String id = start(user);
    awaitStatus(user, id, "FAILED");

    JsonPath failed = session(user, id);
    assertThat(failed.getString("progress.step")).isEqualTo("helm install istiod");
    assertThat(failed.getString("error"))
        .contains("Step 'helm install istiod' failed")
        .contains("image pull backoff");
    assertThat(kind.state.pool.leaseOf(id)).as("the failed lease is released").isEmpty();
    assertThat(kind.state.pool.snapshot().used()).isZero();

    List<JsonNode> events =
        EventStream.open(URI.create(sessionsUrl + id + "/events"), user, PASSWORD).awaitEnd();
    assertThat(events).extracting(e -> e.get("status").asText()).containsExactly("FAILED");
  }

  @Test
  void aLabThatInstallsIstioRunsEmbeddedUnlessKindMayHandOutItsAdminRights() {
    // InMemoryKindProvisioner, like the default configuration, does not allow cluster-admin labs.
    as(newLearner())
        .post("/api/labs/install-customize/sessions")
        .then()
        .statusCode(201)
        .body("backend", equalTo("embedded"))
        .body("status", equalTo("READY"));
  }
}

package io.meshdojo.traffic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Send real traffic" on the kind path without Docker: the in-memory kind backend makes the session
 * READY, and the cluster answers through a stand-in that prints what the probe loop prints in a
 * cluster split 80/20 (the loop itself is run for real in {@link ProbeScriptTest}).
 */
@QuarkusTest
@TestProfile(KindTrafficProfile.class)
class KindTrafficApiTest {

  static final String PASSWORD = "sandbox pass 42";

  final SplitCluster cluster = new SplitCluster();

  @BeforeEach
  void standIn() {
    QuarkusMock.installMockForType(cluster, Fabric8ProbeCluster.class);
  }

  static String newLearner() {
    String name = "t" + UUID.randomUUID().toString().substring(0, 8);
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

  /** Polls until the session is READY; the in-memory cluster is ready at once. */
  static void awaitReady(String user, String id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (!as(user).get("/api/sessions/" + id).jsonPath().getString("status").equals("READY")) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("session " + id + " never became READY");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void eachProbeIsSentFromItsSourceWorkloadAndCountedByVersion() throws Exception {
    String user = newLearner();
    String id =
        as(user)
            .post("/api/labs/traffic-shifting/sessions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try {
      awaitReady(user, id);
      String stranger = newLearner();
      as(stranger)
          .post("/api/sessions/" + id + "/traffic?objective=split-80-20")
          .then()
          .statusCode(404);
      as(user)
          .post("/api/sessions/" + id + "/traffic?objective=no-errors")
          .then()
          .statusCode(400)
          .body("error", containsString("no behaviour objective with probes named no-errors"));
      as(user).post("/api/sessions/" + id + "/traffic").then().statusCode(400);
      assertThat(cluster.commands).isEmpty();

      JsonPath sent =
          as(user)
              .post("/api/sessions/" + id + "/traffic?objective=split-80-20")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(sent.getString("objective")).isEqualTo("split-80-20");
      assertThat(sent.getList("traffic")).hasSize(4);
      assertThat(sent.getString("traffic[1].probe"))
          .isEqualTo("bookinfo/productpage-v1 → reviews:9080 GET /reviews/0 · end-user: jason");
      assertThat(sent.getInt("traffic[0].requests")).isEqualTo(50);
      assertThat(sent.getList("traffic[0].shares.label")).containsExactly("v1", "v3");
      assertThat(sent.getList("traffic[0].shares.count")).containsExactly(41, 9);
      assertThat(sent.getDouble("traffic[0].shares[0].share")).isEqualTo(0.82);
      assertThat(sent.getDouble("traffic[0].expected.v3")).isEqualTo(0.2);
      assertThat(sent.getString("traffic[0].skipped")).isNull();

      assertThat(cluster.commands).hasSize(4);
      assertThat(cluster.commands.get(3).subList(0, 5))
          .containsExactly("kubectl", "exec", "-n", "bookinfo", "deploy/ratings-v1");
      assertThat(cluster.kubeconfigs).allMatch(k -> k.startsWith("kubeconfig-of-"));
    } finally {
      as(user).delete("/api/sessions/" + id).then().statusCode(204);
    }
  }

  @Test
  void oneRunAtATimePerSandboxAndAMissingSourceWorkloadIsExplained() throws Exception {
    String user = newLearner();
    String id =
        as(user)
            .post("/api/labs/traffic-shifting/sessions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try {
      awaitReady(user, id);
      cluster.gate = new CountDownLatch(1);
      CompletableFuture<Integer> first =
          CompletableFuture.supplyAsync(
              () ->
                  as(user)
                      .post("/api/sessions/" + id + "/traffic?objective=split-80-20")
                      .statusCode());
      long deadline = System.currentTimeMillis() + 15_000;
      while (cluster.commands.isEmpty()) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("the first run never reached the cluster");
        }
        Thread.sleep(10);
      }
      as(user)
          .post("/api/sessions/" + id + "/traffic?objective=every-request-reaches-reviews")
          .then()
          .statusCode(409)
          .body("error", containsString("already being sent"));
      cluster.gate.countDown();
      assertThat(first.get()).isEqualTo(200);

      cluster.missing = "ratings-v1";
      as(user)
          .post("/api/sessions/" + id + "/traffic?objective=split-80-20")
          .then()
          .statusCode(409)
          .body("error", containsString("no request could be sent from bookinfo/ratings-v1"))
          .body("error", containsString("deployments.apps \"missing\" not found"));
    } finally {
      cluster.gate.countDown();
      as(user).delete("/api/sessions/" + id).then().statusCode(204);
    }
  }
}

package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionApiTest {

  @Inject SandboxObjectRepository objects;

  static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, "sandbox pass 42");
  }

  @Test
  void startingASessionAnswersWithItsState() {
    String user = Kubectl.newLearner();
    as(user)
        .post("/api/labs/authz-bookinfo/sessions")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/sessions/"))
        .body("id", notNullValue())
        .body("status", equalTo("READY"))
        .body("lab", equalTo("authz-bookinfo"))
        .body("backend", equalTo("embedded"))
        .body("expiresAt", notNullValue());
  }

  @Test
  void aSessionShowsProgressAndHoldsBaselineAndSetup() {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, "authz-bookinfo");
    as(user)
        .get("/api/sessions/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("READY"))
        .body("progress.percent", equalTo(100))
        .body("progress.step", equalTo("Ready"))
        .body("environment", equalTo("bookinfo"));
    // lab setup (PeerAuthentication, Gateway, VirtualService) is applied after the baseline
    assertThat(objects.find(id, "security.istio.io", "peerauthentications", "bookinfo", "default"))
        .isPresent();
    assertThat(objects.find(id, "networking.istio.io", "gateways", "bookinfo", "bookinfo-gateway"))
        .isPresent();
    assertThat(objects.find(id, "apps", "deployments", "bookinfo", "reviews-v3")).isPresent();
  }

  @Test
  void theEcosystemEnvironmentHasTheDubboDemo() {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, "aeraki-dubbo-routing");
    var se =
        objects.find(
            id, "networking.istio.io", "serviceentries", "meta-dubbo", "dubbo-demoservice");
    assertThat(se).isPresent();
    assertThat(se.get().body)
        .contains("org.apache.dubbo.samples.basic.api.demoservice")
        .contains("tcp-metaprotocol-dubbo")
        .contains("20880");
    assertThat(
            objects.find(
                id,
                "networking.istio.io",
                "destinationrules",
                "meta-dubbo",
                "dubbo-sample-provider"))
        .isPresent();
    assertThat(objects.find(id, "apps", "deployments", "meta-dubbo", "dubbo-sample-provider-v2"))
        .isPresent();
  }

  @Test
  void onlyTheOwnerSeesASession() {
    String owner = Kubectl.newLearner();
    String other = Kubectl.newLearner();
    String id = Kubectl.startSession(owner, "request-routing");
    as(other).get("/api/sessions/" + id).then().statusCode(404).body("status", equalTo(404));
    as(other).get("/api/sessions/" + id + "/kubeconfig").then().statusCode(404);
    as(other).post("/api/sessions/" + id + "/reset").then().statusCode(404);
    as(other).delete("/api/sessions/" + id).then().statusCode(404);
    as(owner).get("/api/sessions/" + id).then().statusCode(200);
    given().post("/api/labs/request-routing/sessions").then().statusCode(401);
    given().get("/api/sessions/" + id).then().statusCode(401);
  }

  @Test
  void unknownLabsAndSessionsAreNotFound() {
    String user = Kubectl.newLearner();
    as(user)
        .post("/api/labs/no-such-lab/sessions")
        .then()
        .statusCode(404)
        .body("error", containsString("no-such-lab"));
    as(user).get("/api/sessions/not-a-session").then().statusCode(404);
  }

  @Test
  void resetRestoresTheStartingState() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    Prerequisite.KUBECTL.require();
    assertThat(k.run("delete", "deploy", "reviews-v1", "-n", "bookinfo").exit()).isZero();
    assertThat(objects.find(k.sessionId, "apps", "deployments", "bookinfo", "reviews-v1"))
        .isEmpty();
    as(user)
        .post("/api/sessions/" + k.sessionId + "/reset")
        .then()
        .statusCode(200)
        .body("status", equalTo("READY"));
    assertThat(objects.find(k.sessionId, "apps", "deployments", "bookinfo", "reviews-v1"))
        .isPresent();
  }

  @Test
  void aLearnerListsOnlyTheirOwnLiveSessionsToResumeThem() {
    String user = Kubectl.newLearner();
    String routing = Kubectl.startSession(user, "request-routing");
    String mtls = Kubectl.startSession(user, "mtls-strict");
    String other = Kubectl.newLearner();
    Kubectl.startSession(other, "request-routing");

    as(user)
        .get("/api/sessions?lab=request-routing")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.contains(routing));
    as(user)
        .get("/api/sessions")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.contains(mtls, routing));
    as(user).delete("/api/sessions/" + routing).then().statusCode(204);
    as(user)
        .get("/api/sessions?lab=request-routing")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.empty());
    given().get("/api/sessions").then().statusCode(401);
  }

  @Test
  void theListOfSessionsIsPagedAndRefusesBadPageParameters() {
    String user = Kubectl.newLearner();
    String routing = Kubectl.startSession(user, "request-routing");
    String mtls = Kubectl.startSession(user, "mtls-strict");

    as(user)
        .get("/api/sessions?limit=1")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.contains(mtls));
    as(user)
        .get("/api/sessions?limit=1&offset=1")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.contains(routing));
    as(user)
        .get("/api/sessions?offset=2")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.empty());
    as(user)
        .get("/api/sessions?limit=101")
        .then()
        .statusCode(400)
        .body("error", equalTo("limit must be between 1 and 100"));
    as(user)
        .get("/api/sessions?offset=-1")
        .then()
        .statusCode(400)
        .body("error", equalTo("offset must be 0 or more"));
  }

  @Test
  void aLiveSessionIsExtendedAnHourAtATimeUpToEightHours() {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, "request-routing");
    Instant created =
        Instant.parse(as(user).get("/api/sessions/" + id).jsonPath().getString("createdAt"));
    Instant before =
        Instant.parse(as(user).get("/api/sessions/" + id).jsonPath().getString("expiresAt"));

    String extended =
        as(user)
            .post("/api/sessions/" + id + "/extend")
            .then()
            .statusCode(200)
            .extract()
            .path("expiresAt");
    assertThat(Instant.parse(extended)).isEqualTo(before.plus(Duration.ofHours(1)));
    for (int i = 0; i < 3; i++) {
      as(user).post("/api/sessions/" + id + "/extend").then().statusCode(200);
    }
    as(user)
        .post("/api/sessions/" + id + "/extend")
        .then()
        .statusCode(409)
        .body("error", containsString("already lives as long as a session may"));
    assertThat(Instant.parse(as(user).get("/api/sessions/" + id).jsonPath().getString("expiresAt")))
        .isEqualTo(created.plus(Duration.ofHours(8)));

    String stranger = Kubectl.newLearner();
    as(stranger).post("/api/sessions/" + id + "/extend").then().statusCode(404);
    as(user).delete("/api/sessions/" + id).then().statusCode(204);
    as(user).post("/api/sessions/" + id + "/extend").then().statusCode(409);
  }

  @Test
  void anEndedSessionsTokenIsRefusedWithAClearMessage() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    as(user).delete("/api/sessions/" + k.sessionId).then().statusCode(204);
    as(user)
        .get("/api/sessions/" + k.sessionId)
        .then()
        .statusCode(200)
        .body("status", equalTo("ENDED"));
    assertThat(objects.countOf(k.sessionId)).isZero();
    as(user)
        .get("/api/sessions/" + k.sessionId + "/kubeconfig")
        .then()
        .statusCode(409)
        .body("error", containsString("ENDED"));
    String token = Files.readString(k.kubeconfig).replaceAll("(?s).*token: (\\S+).*", "$1");
    given()
        .relaxedHTTPSValidation()
        .header("Authorization", "Bearer " + token)
        .get("/sandboxes/" + k.sessionId + "/k8s/api/v1/namespaces")
        .then()
        .statusCode(401)
        .body("kind", equalTo("Status"))
        .body("reason", equalTo("Unauthorized"))
        .body("message", containsString("has ended"));
    Prerequisite.KUBECTL.require();
    Kubectl.Result r = k.run("get", "pods", "-n", "bookinfo");
    assertThat(r.exit()).isNotZero();
    // kubectl prints its own sentence for 401; the Status above carries the reason
    assertThat(r.err()).contains("You must be logged in to the server");
  }

  @Test
  void aLearnerHasALimitedNumberOfOpenSessions() {
    String user = Kubectl.newLearner();
    String first = Kubectl.startSession(user, "request-routing");
    Kubectl.startSession(user, "request-routing");
    Kubectl.startSession(user, "request-routing");
    as(user)
        .post("/api/labs/request-routing/sessions")
        .then()
        .statusCode(409)
        .body("error", containsString("open sandboxes"));
    as(user).delete("/api/sessions/" + first).then().statusCode(204);
    as(user).post("/api/labs/request-routing/sessions").then().statusCode(201);
  }

  @Test
  void parallelStartsOpenNoMoreThanTheLimit() throws Exception {
    String user = Kubectl.newLearner();
    ExecutorService starters = Executors.newFixedThreadPool(30);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      answers.add(
          starters.submit(
              () -> {
                go.await();
                return as(user).post("/api/labs/request-routing/sessions").statusCode();
              }));
    }
    go.countDown();
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      codes.add(answer.get(2, TimeUnit.MINUTES));
    }
    starters.shutdown();
    assertThat(codes).filteredOn(c -> c == 201).hasSize(3);
    assertThat(codes).filteredOn(c -> c == 409).hasSize(27);
    as(user).get("/api/sessions").then().statusCode(200).body("id", hasSize(3));
  }
}

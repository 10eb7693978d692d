package io.meshdojo.exam;

import static io.meshdojo.testing.Accounts.as;
import static io.meshdojo.testing.Accounts.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Accounts;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exam attempts through the API: the draw and the server's clock, nothing graded or hinted during
 * the attempt, flags and notes, one grading for two submits at once, the result and review, the
 * clock's job (also for an attempt whose time ran out while the service was down), and who may see
 * what.
 */
@QuarkusTest
class AttemptApiTest {

  @Inject ExamCatalogue exams;
  @Inject AttemptRepository attempts;
  @Inject ExamClock clock;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private static JsonPath start(String user, String exam) {
    return as(user)
        .post("/api/exams/" + exam + "/attempts?lang=en")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void theExamsAreListedWithTheirWeights() {
    JsonPath list = given().get("/api/exams?lang=zh").then().statusCode(200).extract().jsonPath();
    assertThat(list.getList("id", String.class)).contains("istio-sprint", "ica-mock");
    assertThat(list.getInt("find { it.id == 'ica-mock' }.durationMinutes")).isEqualTo(120);
    assertThat(list.getInt("find { it.id == 'ica-mock' }.tasksPerAttempt")).isEqualTo(16);
    assertThat(list.getInt("find { it.id == 'ica-mock' }.passingScore")).isEqualTo(75);
    assertThat(list.getList("find { it.id == 'ica-mock' }.domains.weight", Integer.class))
        .containsExactly(20, 35, 25, 20);
    assertThat(list.getString("find { it.id == 'ica-mock' }.title")).contains("模拟");
    given().get("/api/exams?lang=fr").then().statusCode(400);
  }

  @Test
  void anAttemptRunsOnTheServersClockAndShowsNothingOfTheAnswers() throws Exception {
    String user = Kubectl.newLearner();
    JsonPath started = start(user, "istio-sprint");
    String id = started.getString("id");
    assertThat(started.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(started.getList("tasks")).hasSize(5);
    Instant endsAt = Instant.parse(started.getString("endsAt"));
    Instant startedAt = Instant.parse(started.getString("startedAt"));
    assertThat(Duration.between(startedAt, endsAt)).isEqualTo(Duration.ofMinutes(25));
    assertThat(started.getLong("remainingSeconds")).isBetween(1400L, 1500L);

    // The draw is the one its seed gives.
    List<DrawnTask> drawn = Draw.of(exams.require("istio-sprint"), started.getLong("seed"));
    assertThat(started.getList("tasks.domain", String.class))
        .isEqualTo(drawn.stream().map(d -> d.task().domain()).toList());

    // One open attempt per exam: a second start names the first.
    as(user)
        .post("/api/exams/istio-sprint/attempts")
        .then()
        .statusCode(409)
        .body("error", containsString(id));

    // The detailed view has the instructions with the drawn parameters, and nothing more.
    Response detail = as(user).get("/api/attempts/" + id + "?lang=zh");
    detail.then().statusCode(200);
    String body = detail.asString();
    assertThat(body).doesNotContain("{{", "probes", "expect", "objectives", "solution");
    assertThat(body).doesNotContain("apiVersion: networking.istio.io");
    assertThat(detail.jsonPath().getString("tasks[0].instructions"))
        .contains(drawn.get(0).parameters().values().iterator().next().asText());
    assertThat(Instant.parse(detail.jsonPath().getString("endsAt"))).isEqualTo(endsAt);
    // remainingSeconds comes from the stored endsAt and the server's time at every look.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                as(user).get("/api/attempts/" + id).jsonPath().getLong("remainingSeconds")
                    < started.getLong("remainingSeconds"));

    // Nothing grades, hints or solves during the attempt.
    String sandbox = started.getString("sandbox");
    as(user)
        .post("/api/sessions/" + sandbox + "/check")
        .then()
        .statusCode(409)
        .body("error", containsString("exam"));
    as(user)
        .post("/api/sessions/" + sandbox + "/traffic?objective=split")
        .then()
        .statusCode(409)
        .body("error", containsString("exam"));
    as(user)
        .get("/api/labs/traffic-shifting/hints")
        .then()
        .statusCode(409)
        .body("error", containsString("exam"));
    as(user).post("/api/labs/traffic-shifting/hints/next").then().statusCode(409);
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"confirm\": true}")
        .post("/api/labs/traffic-shifting/solution")
        .then()
        .statusCode(409)
        .body("error", containsString("exam"));

    // The sandbox holds every task's setup and none of the solutions.
    Kubectl k = Kubectl.forSession(user, sandbox);
    Kubectl.Result namespaces = k.run("get", "namespaces", "-o", "name");
    for (DrawnTask d : drawn) {
      String ns = d.parameters().get("ns").asText();
      assertThat(namespaces.out()).contains("namespace/" + ns);
      List<String> setup = d.setupObjects().stream().map(AttemptApiTest::key).toList();
      for (var o : d.solutionObjects()) {
        if (!setup.contains(key(o))) {
          Kubectl.Result got =
              k.run(
                  "get",
                  o.path("kind").asText(),
                  o.path("metadata").path("name").asText(),
                  "-n",
                  o.path("metadata").path("namespace").asText());
          assertThat(got.exit()).as("%s is not in the sandbox: %s", key(o), got.out()).isNotZero();
        }
      }
    }
    String kubeconfig =
        httpsAs(user)
            .get("/api/attempts/" + id + "/kubeconfig")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(kubeconfig).contains("/sandboxes/" + sandbox + "/k8s");
  }

  private static String key(com.fasterxml.jackson.databind.JsonNode o) {
    return o.path("kind").asText()
        + "/"
        + o.path("metadata").path("namespace").asText()
        + "/"
        + o.path("metadata").path("name").asText();
  }

  private static RequestSpecification httpsAs(String user) {
    return given()
        .baseUri("https://localhost")
        .port(ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class))
        .relaxedHTTPSValidation()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD);
  }

  @Test
  void flagsNotesAndBadInput() {
    String user = Kubectl.newLearner();
    String id = start(user, "istio-sprint").getString("id");
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"flagged\": true}")
        .put("/api/attempts/" + id + "/tasks/2/flag")
        .then()
        .statusCode(200)
        .body("tasks[1].flagged", equalTo(true))
        .body("tasks[0].flagged", equalTo(false));
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"flagged\": true}")
        .put("/api/attempts/" + id + "/tasks/9/flag")
        .then()
        .statusCode(404)
        .body("error", containsString("no task 9"));
    as(user)
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/api/attempts/" + id + "/tasks/1/flag")
        .then()
        .statusCode(400);
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"flagged\": true}")
        .put("/api/attempts/" + id + "/tasks/x/flag")
        .then()
        .statusCode(404);
    as(user)
        .post("/api/attempts/" + id + "/tasks/3/visit")
        .then()
        .statusCode(200)
        .body("tasks[2].visited", equalTo(true));

    as(user)
        .contentType("text/plain; charset=UTF-8")
        .body("ns: 请记住 shop")
        .put("/api/attempts/" + id + "/notes")
        .then()
        .statusCode(204);
    assertThat(as(user).get("/api/attempts/" + id + "/notes").asString()).isEqualTo("ns: 请记住 shop");
    as(user)
        .contentType(ContentType.TEXT)
        .body("x".repeat(64 * 1024 + 1))
        .put("/api/attempts/" + id + "/notes")
        .then()
        .statusCode(413)
        .body("error", containsString("64 KiB"));

    as(user).get("/api/attempts/no-such-attempt").then().statusCode(404);
    as(user).post("/api/exams/no-such-exam/attempts").then().statusCode(404);
    as(user).get("/api/attempts/" + id + "/result").then().statusCode(409);

    // After grading: flag, notes and submit are refused; the notepad is wiped.
    as(user).post("/api/attempts/" + id + "/submit").then().statusCode(200);
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"flagged\": false}")
        .put("/api/attempts/" + id + "/tasks/2/flag")
        .then()
        .statusCode(409);
    as(user)
        .contentType(ContentType.TEXT)
        .body("late")
        .put("/api/attempts/" + id + "/notes")
        .then()
        .statusCode(409);
    as(user).post("/api/attempts/" + id + "/submit").then().statusCode(409);
    assertThat(as(user).get("/api/attempts/" + id + "/notes").asString()).isEmpty();
  }

  @Test
  void twoSubmitsAtOnceGradeOnceAndTheResultWeighsTheDomains() throws Exception {
    String user = Kubectl.newLearner();
    JsonPath started = start(user, "istio-sprint");
    String id = started.getString("id");
    List<DrawnTask> drawn = Draw.of(exams.require("istio-sprint"), started.getLong("seed"));
    Kubectl k = Kubectl.forSession(user, started.getString("sandbox"));
    // Answer the first two tasks with their reference solutions for this draw.
    for (DrawnTask d : drawn.subList(0, 2)) {
      Kubectl.Result applied = k.apply(d.solutionYaml());
      assertThat(applied.exit()).as(applied.err()).isZero();
    }
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> submits = List.of(submit(user, id, go), submit(user, id, go));
    go.countDown();
    List<Integer> codes = submits.stream().map(CompletableFuture::join).sorted().toList();
    assertThat(codes).containsExactly(200, 409);

    JsonPath result =
        as(user)
            .get("/api/attempts/" + id + "/result?lang=en")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(result.getString("endedBy")).isEqualTo("candidate");
    assertThat(result.getList("tasks.verdict", String.class).subList(0, 2)).containsOnly("correct");
    assertThat(result.getList("tasks.verdict", String.class).subList(2, 5)).containsOnly("failed");
    assertThat(result.getBoolean("passed")).isFalse();
    assertThat(result.getList("domains")).hasSize(4);
    // Drawn in domain order: installation first, then two traffic tasks.
    assertThat(result.getDouble("domains.find { it.domain == 'installation' }.percent"))
        .isEqualTo(100.0);
    double expected =
        (20 * 100.0 + 35 * result.getDouble("domains.find { it.domain == 'traffic' }.percent"))
            / 100;
    assertThat(result.getDouble("score"))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.1));
    assertThat(result.getString("tasks[2].objectives[0].explanation")).isNotBlank();

    JsonPath review =
        as(user)
            .get("/api/attempts/" + id + "/review?lang=zh")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(review.getString("tasks[0].solution"))
        .contains(drawn.get(0).parameters().get("ns").asText());

    // The sandbox is ended with the grading.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !"READY"
                    .equals(
                        as(user)
                            .get("/api/sessions/" + started.getString("sandbox"))
                            .jsonPath()
                            .getString("status")));
    // Hints come back once the exam is over.
    as(user).get("/api/labs/traffic-shifting/hints").then().statusCode(200);
  }

  private static CompletableFuture<Integer> submit(String user, String id, CountDownLatch go) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return as(user).post("/api/attempts/" + id + "/submit").statusCode();
        });
  }

  @Test
  void theClockGradesAnAttemptWhoseTimeRanOutWhileTheServiceWasDown() {
    String user = Kubectl.newLearner();
    JsonPath started = start(user, "ica-mock");
    String id = started.getString("id");
    assertThat(started.getList("tasks")).hasSize(16);
    // As if the service had been down past the end: the stored endsAt lies in the past.
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ExamAttempt a = attempts.findById(id);
              a.startedAt = Instant.now().minus(Duration.ofMinutes(130));
              a.endsAt = Instant.now().minus(Duration.ofMinutes(10));
            });
    assertThat(as(user).get("/api/attempts/" + id).jsonPath().getLong("remainingSeconds")).isZero();
    clock.sweep();
    JsonPath result =
        as(user).get("/api/attempts/" + id + "/result").then().statusCode(200).extract().jsonPath();
    assertThat(result.getString("endedBy")).isEqualTo("time");
    assertThat(result.getDouble("score")).isZero();
    assertThat(result.getString("submittedAt")).isNotNull();
    assertThat(as(user).get("/api/attempts/" + id).jsonPath().getString("status"))
        .isEqualTo("GRADED");
    // A second run changes nothing.
    clock.sweep();
    as(user).post("/api/attempts/" + id + "/submit").then().statusCode(409);
  }

  @Test
  void onlyTheCandidateActsInstructorsAndAdminsLook() {
    String candidate = Kubectl.newLearner();
    String other = Kubectl.newLearner();
    String instructor = Accounts.newInstructor();
    String id = start(candidate, "istio-sprint").getString("id");

    for (String path : List.of("", "/result", "/review", "/notes", "/kubeconfig")) {
      as(other).get("/api/attempts/" + id + path).then().statusCode(404);
    }
    as(other).post("/api/attempts/" + id + "/submit").then().statusCode(404);
    as(other)
        .contentType(ContentType.JSON)
        .body("{\"flagged\": true}")
        .put("/api/attempts/" + id + "/tasks/1/flag")
        .then()
        .statusCode(404);
    given().get("/api/attempts/" + id).then().statusCode(401);

    as(instructor)
        .get("/api/attempts/" + id)
        .then()
        .statusCode(200)
        .body("candidate", equalTo(candidate));
    as(instructor).post("/api/attempts/" + id + "/submit").then().statusCode(404);
    as(other).get("/api/exams/istio-sprint/attempts").then().statusCode(403);
    JsonPath list =
        as(instructor)
            .get("/api/exams/istio-sprint/attempts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(list.getList("id", String.class)).contains(id);
    assertThat(list.getLong("find { it.id == '" + id + "' }.remainingSeconds")).isPositive();
    String csv =
        asAdmin()
            .get("/api/exams/istio-sprint/attempts.csv")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv).startsWith("attempt,candidate,status").contains(id).contains(candidate);

    as(candidate).post("/api/attempts/" + id + "/submit").then().statusCode(200);
    asAdmin().get("/api/attempts/" + id + "/result").then().statusCode(200);
    as(other).get("/api/attempts/" + id + "/result").then().statusCode(404);
  }

  @Test
  void noAttemptStartsWhenTheSandboxLimitIsReached() {
    String user = Kubectl.newLearner();
    for (int i = 0; i < 3; i++) {
      Kubectl.startSession(user, "traffic-shifting");
    }
    as(user)
        .post("/api/exams/istio-sprint/attempts")
        .then()
        .statusCode(409)
        .body("error", containsString("open sandboxes"));
    // Nothing half-made stays behind: once a sandbox is free the attempt starts.
    String session = as(user).get("/api/sessions").jsonPath().getString("[0].id");
    as(user).delete("/api/sessions/" + session).then().statusCode(204);
    start(user, "istio-sprint");
  }
}

package io.meshdojo.workshop;

import static io.meshdojo.workshop.WorkshopFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workshops through the API: creating, joining, the sandboxes that count, bad input. */
@QuarkusTest
class WorkshopApiTest {

  @Inject WarmPools warmPools;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  @Test
  void anInstructorCreatesAWorkshopWithAReadableCode() {
    String owner = WorkshopFixture.instructor();
    JsonPath w = WorkshopFixture.running(owner, "");
    String code = w.getString("code");
    assertThat(code).matches("[A-HJKMNP-TW-Z2-9]{3}-[A-HJKMNP-TW-Z2-9]{3}");
    assertThat(w.getList("labs")).containsExactly("request-routing", "mtls-strict");
    assertThat(w.getString("status")).isEqualTo("running");
    assertThat(w.getString("owner")).isEqualTo(owner);
    assertThat(w.getInt("stuckMinutes")).isEqualTo(15);
    assertThat(w.getInt("stuckFailures")).isEqualTo(3);

    List<Long> mine =
        as(owner)
            .get("/api/workshops")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id", Long.class);
    assertThat(mine).contains(w.getLong("id"));
  }

  @Test
  void badInputIsA400NamingTheField() {
    String owner = WorkshopFixture.instructor();
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    record Case(String body, String field) {}
    for (Case c :
        List.of(
            new Case(WorkshopFixture.body("T", "\"no-such-lab\"", 10, ""), "labs"),
            new Case(WorkshopFixture.body("T", "", 10, ""), "labs"),
            new Case(
                WorkshopFixture.body(
                    "T", "\"request-routing\"", now, now.minus(Duration.ofHours(1)), 10, ""),
                "endsAt"),
            new Case(WorkshopFixture.body("T", "\"request-routing\"", 0, ""), "capacity"),
            new Case(WorkshopFixture.body("T", "\"request-routing\"", 1001, ""), "capacity"),
            new Case(WorkshopFixture.body("", "\"request-routing\"", 10, ""), "title"),
            new Case(
                "{\"title\":\"T\",\"labs\":[\"request-routing\"],\"startsAt\":\"tomorrow\","
                    + "\"endsAt\":\"2030-01-01T00:00:00Z\",\"capacity\":5}",
                "startsAt"),
            new Case(
                WorkshopFixture.body("T", "\"request-routing\"", 10, "\"backend\":\"vm\""),
                "backend"),
            new Case(
                WorkshopFixture.body("T", "\"request-routing\"", 10, "\"warmShare\":1.5"),
                "warmShare"),
            new Case(
                WorkshopFixture.body(
                    "T", "\"request-routing\"", 10, "\"coInstructors\":[\"nobody-x\"]"),
                "coInstructors"))) {
      as(owner)
          .body(c.body())
          .post("/api/workshops")
          .then()
          .statusCode(400)
          .body("field", equalTo(c.field()))
          .body("error", containsString(c.field()));
    }
    as(owner).body("{\"title\":").post("/api/workshops").then().statusCode(400);
  }

  @Test
  void withSandboxesThatStartAtOnceTheBoardSaysNoWarmPoolIsNeeded() {
    String owner = WorkshopFixture.instructor();
    JsonPath w = WorkshopFixture.running(owner, "");
    assertThat(w.getDouble("warmShare")).as("the service's default").isEqualTo(0.25);
    warmPools.sweep(Instant.now());
    as(owner)
        .get("/api/workshops/" + w.getLong("id") + "/board")
        .then()
        .statusCode(200)
        .body("warm.state", equalTo("not-needed"))
        .body("warm.wanted", equalTo(0));
  }

  @Test
  void joiningIsRefusedClearlyAndTwiceIsTheSameEnrolment() {
    String owner = WorkshopFixture.instructor();
    String learner = WorkshopFixture.learner();
    as(learner)
        .body("{\"code\":\"ZZZ-ZZZ\"}")
        .post("/api/workshops/join")
        .then()
        .statusCode(404)
        .body("error", containsString("No workshop has the code"));
    as(learner).body("{\"code\":\"<script>\"}").post("/api/workshops/join").then().statusCode(404);

    String code = WorkshopFixture.running(owner, "").getString("code");
    String typed = code.toLowerCase().replace("-", " ");
    String first =
        as(learner)
            .body("{\"code\":\"" + typed + "\"}")
            .post("/api/workshops/join")
            .then()
            .statusCode(201)
            .extract()
            .path("joinedAt");
    as(learner)
        .body("{\"code\":\"" + code + "\"}")
        .post("/api/workshops/join")
        .then()
        .statusCode(200)
        .body("joinedAt", equalTo(first));

    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String full =
        WorkshopFixture.create(owner, WorkshopFixture.body("Full", "\"request-routing\"", 1, ""))
            .getString("code");
    WorkshopFixture.join(WorkshopFixture.learner(), full);
    as(learner)
        .body("{\"code\":\"" + full + "\"}")
        .post("/api/workshops/join")
        .then()
        .statusCode(409)
        .body("error", containsString("full"));
    String later =
        WorkshopFixture.create(
                owner,
                WorkshopFixture.body(
                    "Later",
                    "\"request-routing\"",
                    now.plus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(2)),
                    5,
                    ""))
            .getString("code");
    as(learner)
        .body("{\"code\":\"" + later + "\"}")
        .post("/api/workshops/join")
        .then()
        .statusCode(409)
        .body("error", containsString("not open yet"));
    JsonPath over = WorkshopFixture.running(owner, "");
    as(owner)
        .body("{\"confirm\":true}")
        .post("/api/workshops/" + over.getLong("id") + "/end")
        .then()
        .statusCode(200)
        .body("status", equalTo("ended"));
    as(learner)
        .body("{\"code\":\"" + over.getString("code") + "\"}")
        .post("/api/workshops/join")
        .then()
        .statusCode(409)
        .body("error", containsString("over"));
  }

  @Test
  void anEnrolledLearnersSandboxCountsAndLastsUntilTheWorkshopEnds() throws Exception {
    String owner = WorkshopFixture.instructor();
    JsonPath w = WorkshopFixture.running(owner, "\"stuckFailures\":2");
    long id = w.getLong("id");
    String learner = WorkshopFixture.learner();
    WorkshopFixture.join(learner, w.getString("code"));

    String session = Kubectl.startSession(learner, "request-routing");
    String expires =
        as(learner)
            .get("/api/sessions/" + session)
            .then()
            .statusCode(200)
            .extract()
            .path("expiresAt");
    assertThat(Instant.parse(expires)).isEqualTo(Instant.parse(w.getString("endsAt")));

    JsonPath board =
        as(owner)
            .get("/api/workshops/" + id + "/board")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(board.getString("workshop.title")).isEqualTo("Istio in a day");
    assertThat(board.getString("learners[0].username")).isEqualTo(learner);
    assertThat(board.getString("learners[0].labs[0].status")).isEqualTo("working");
    assertThat(board.getString("learners[0].labs[1].status")).isEqualTo("not-started");

    // Two failed checks in a row of the same objective: stuck (the workshop says 2).
    for (int i = 0; i < 2; i++) {
      as(learner).post("/api/sessions/" + session + "/check").then().statusCode(200);
    }
    Map<String, Object> cell = cell(owner, id, 0);
    assertThat(cell).containsEntry("checks", 2).containsEntry("failedChecksInARow", 2);
    assertThat(cell.get("stuck")).isEqualTo(true);
    assertThat((String) cell.get("stuckReason")).startsWith("failing:");

    Kubectl k = Kubectl.forSession(learner, session);
    Kubectl.Result applied =
        k.apply(Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml")));
    assertThat(applied.exit()).as(applied.err()).isZero();
    as(learner).post("/api/sessions/" + session + "/check").then().statusCode(200);
    cell = cell(owner, id, 0);
    assertThat(cell).containsEntry("status", "passed").containsEntry("stuck", false);
    assertThat(cell.get("score")).isEqualTo(cell.get("maxScore"));
    assertThat(cell.get("failedChecksInARow")).isEqualTo(0);

    JsonPath mine =
        as(learner).get("/api/workshops/" + id + "/me").then().statusCode(200).extract().jsonPath();
    assertThat(mine.getList("labs")).containsExactly("request-routing", "mtls-strict");
    assertThat(mine.getString("progress.labs[0].status")).isEqualTo("passed");

    // A later end extends the workshop's sandboxes with it.
    Instant later = Instant.parse(w.getString("endsAt")).plus(Duration.ofHours(1));
    as(owner)
        .body("{\"endsAt\":\"" + later + "\"}")
        .patch("/api/workshops/" + id)
        .then()
        .statusCode(200);
    as(learner)
        .get("/api/sessions/" + session)
        .then()
        .statusCode(200)
        .body("expiresAt", equalTo(later.toString()));

    // A sandbox for a lab outside the workshop lives its usual time.
    String other = Kubectl.startSession(learner, "authz-bookinfo");
    String otherExpires =
        as(learner).get("/api/sessions/" + other).then().extract().path("expiresAt");
    assertThat(Instant.parse(otherExpires)).isBefore(Instant.parse(w.getString("endsAt")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cell(String owner, long id, int lab) {
    return as(owner)
        .get("/api/workshops/" + id + "/board")
        .then()
        .statusCode(200)
        .extract()
        .path("learners[0].labs[" + lab + "]");
  }
}

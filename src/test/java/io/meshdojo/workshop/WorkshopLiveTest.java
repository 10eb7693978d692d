package io.meshdojo.workshop;

import static io.meshdojo.workshop.WorkshopFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshdojo.sandbox.EventStream;
import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A running workshop as its instructor and learners live it: the board's event stream,
 * announcements reaching learners at once, the instructor's actions on a learner's sandbox, the
 * audit list, results and the pages.
 */
@QuarkusTest
class WorkshopLiveTest {

  @TestHTTPResource("/api/workshops/")
  URL api;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  @Test
  void theBoardStreamSendsOneEventPerChange() throws Exception {
    String owner = WorkshopFixture.instructor();
    JsonPath w = WorkshopFixture.running(owner, "");
    long id = w.getLong("id");
    EventStream board =
        EventStream.open(
            URI.create(api.toString() + id + "/board/events"), owner, WorkshopFixture.PASSWORD);
    assertThat(board.contentType()).startsWith("text/event-stream");
    board.await("the workshop", e -> e.path("type").asText().equals("workshop"));

    String learner = WorkshopFixture.learner();
    WorkshopFixture.join(learner, w.getString("code"));
    board.await("the join", e -> learner.equals(e.at("/learner/username").asText()));

    String session = Kubectl.startSession(learner, "request-routing");
    board.await(
        "the start",
        e ->
            learner.equals(e.at("/learner/username").asText())
                && e.at("/learner/labs/0/status").asText().equals("working"));
    as(learner).post("/api/sessions/" + session + "/check").then().statusCode(200);
    JsonNode checked = board.await("the check", e -> e.at("/learner/labs/0/checks").asInt() == 1);
    assertThat(checked.at("/learner/labs/0/lastCheckAt").asText()).isNotEmpty();
    assertThat(checked.at("/learner/labs/0/startedAt").isMissingNode()).isTrue();

    as(learner).post("/api/labs/request-routing/hints/next").then().statusCode(200);
    board.await("the hint", e -> e.at("/learner/labs/0/hintsUsed").asInt() == 1);
    long events =
        board.events().stream().filter(e -> e.path("type").asText().equals("learner")).count();
    assertThat(events).isEqualTo(4);
  }

  @Test
  void announcementsReachEnrolledLearnersAtOnce() throws Exception {
    String owner = WorkshopFixture.instructor();
    JsonPath w = WorkshopFixture.running(owner, "");
    long id = w.getLong("id");
    String learner = WorkshopFixture.learner();
    String outsider = WorkshopFixture.learner();
    WorkshopFixture.join(learner, w.getString("code"));
    URI stream = URI.create(api.toString() + "announcements/events");
    EventStream enrolled = EventStream.open(stream, learner, WorkshopFixture.PASSWORD);
    EventStream other = EventStream.open(stream, outsider, WorkshopFixture.PASSWORD);
    enrolled.await("open", e -> e.path("type").asText().equals("open"));
    other.await("open", e -> e.path("type").asText().equals("open"));

    as(owner)
        .body("{\"message\":\"Lunch in 10 minutes — 十分钟后午餐\"}")
        .post("/api/workshops/" + id + "/announcements")
        .then()
        .statusCode(201);
    JsonNode got =
        enrolled.await("the announcement", e -> e.path("type").asText().equals("announcement"));
    assertThat(got.path("message").asText()).isEqualTo("Lunch in 10 minutes — 十分钟后午餐");
    assertThat(got.path("author").asText()).isEqualTo(owner);

    as(owner)
        .body("{\"message\":\"second\"}")
        .post("/api/workshops/" + id + "/announcements")
        .then()
        .statusCode(201);
    enrolled.await("the second", e -> e.path("message").asText().equals("second"));
    assertThat(other.events()).hasSize(1);

    as(owner)
        .body("{\"message\":\"" + "x".repeat(501) + "\"}")
        .post("/api/workshops/" + id + "/announcements")
        .then()
        .statusCode(400)
        .body("error", containsString("500"));
    as(learner)
        .get("/api/workshops/" + id + "/announcements")
        .then()
        .statusCode(200)
        .body("message", equalTo(List.of("second", "Lunch in 10 minutes — 十分钟后午餐")));
  }

  @Test
  void anInstructorActsOnALearnersSandboxAndEverythingIsRecorded() throws Exception {
    String owner = WorkshopFixture.instructor();
    JsonPath w = WorkshopFixture.running(owner, "");
    long id = w.getLong("id");
    String learner = WorkshopFixture.learner();
    String second = WorkshopFixture.learner();
    WorkshopFixture.join(learner, w.getString("code"));
    WorkshopFixture.join(second, w.getString("code"));
    String session = Kubectl.startSession(learner, "request-routing");
    as(learner).post("/api/sessions/" + session + "/check").then().statusCode(200);
    String base = "/api/workshops/" + id + "/learners/" + learner + "/labs/request-routing";

    String yaml = as(owner).get(base + "/objects").then().statusCode(200).extract().asString();
    assertThat(yaml).contains("kind: Service").contains("name: reviews");
    JsonPath check =
        as(owner).get(base + "/check?lang=zh").then().statusCode(200).extract().jsonPath();
    assertThat(check.getBoolean("last.passed")).isFalse();
    assertThat(check.getList("now.objectives.message")).isNotEmpty();
    as(learner)
        .get("/api/labs/request-routing/checks")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1));

    as(owner).post(base + "/hints/next").then().statusCode(200).body("revealed.size()", equalTo(1));
    as(learner).get("/api/labs/request-routing/hints").then().body("revealed.size()", equalTo(1));
    as(owner).post(base + "/extend").then().statusCode(200).body("status", equalTo("READY"));
    as(owner).post(base + "/reset").then().statusCode(200);
    as(owner).post(base + "/end").then().statusCode(204);
    as(learner).get("/api/sessions/" + session).then().body("status", equalTo("ENDED"));
    as(owner)
        .post("/api/workshops/" + id + "/learners/" + second + "/labs/request-routing/reset")
        .then()
        .statusCode(409)
        .body("error", containsString("has not started"));
    as(owner)
        .post("/api/workshops/" + id + "/learners/" + learner + "/labs/authz-bookinfo/reset")
        .then()
        .statusCode(404);
    as(owner)
        .post("/api/workshops/" + id + "/learners/nobody-at-all/labs/request-routing/reset")
        .then()
        .statusCode(404);

    List<String> actions =
        as(owner)
            .get("/api/workshops/" + id + "/audit")
            .then()
            .statusCode(200)
            .extract()
            .path("action");
    assertThat(actions)
        .containsSubsequence(
            "end-sandbox", "reset-sandbox", "extend-sandbox", "reveal-hint", "create");

    String csv =
        as(owner)
            .get("/api/workshops/" + id + "/results.csv")
            .then()
            .statusCode(200)
            .header("Content-Disposition", containsString("attachment"))
            .extract()
            .asString();
    assertThat(csv.lines().toList()).hasSize(5).first().isEqualTo(Results.CSV_HEADER);
    assertThat(csv)
        .contains(learner + ",request-routing,working,")
        .contains(second + ",mtls-strict,not-started,");
    as(owner)
        .get("/api/workshops/" + id + "/results.json")
        .then()
        .statusCode(200)
        .body("size()", equalTo(4))
        .body(
            "find { it.username == '" + learner + "' && it.lab == 'request-routing' }.hintsUsed",
            equalTo(1));

    // The workshop ends only when confirmed, and its sandboxes with it.
    String another = Kubectl.startSession(second, "mtls-strict");
    as(owner)
        .body("{}")
        .post("/api/workshops/" + id + "/end")
        .then()
        .statusCode(400)
        .body("error", containsString("confirm"));
    as(owner)
        .body("{\"confirm\":true}")
        .post("/api/workshops/" + id + "/end")
        .then()
        .statusCode(200)
        .body("status", equalTo("ended"));
    as(second).get("/api/sessions/" + another).then().body("status", equalTo("ENDED"));
  }

  @Test
  void thePagesInBothLanguages() {
    String owner = WorkshopFixture.instructor();
    JsonPath w = WorkshopFixture.running(owner, "");
    long id = w.getLong("id");
    String learner = WorkshopFixture.learner();
    WorkshopFixture.join(learner, w.getString("code"));

    as(learner)
        .get("/zh/join?code=" + w.getString("code"))
        .then()
        .statusCode(200)
        .body(containsString("加入工作坊"))
        .body(containsString(w.getString("code")));
    as(learner)
        .get("/en/workshops/" + id)
        .then()
        .statusCode(200)
        .body(containsString("Labs, in order"))
        .body(containsString("/en/labs/request-routing"))
        .body(not(containsString("Audit list")));
    as(owner)
        .get("/zh/workshops/" + id)
        .then()
        .statusCode(200)
        .body(containsString("操作记录"))
        .body(containsString(w.getString("code")));
    as(owner)
        .get("/en/workshops/" + id + "/board")
        .then()
        .statusCode(200)
        .body(containsString("board-grid"))
        .body(containsString("Stuck first"));
    as(owner).get("/zh/workshops").then().statusCode(200).body(containsString("Istio in a day"));
    as(learner).get("/en/workshops/" + id + "/board").then().statusCode(403);
    as(WorkshopFixture.learner()).get("/en/workshops/" + id).then().statusCode(404);
    as(learner)
        .get("/en/labs/request-routing")
        .then()
        .statusCode(200)
        .body(containsString("workshop-announcements.js"));
  }
}

package io.meshdojo.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Done, in progress or not started, per lab and lesson, in the API and on the pages. */
@QuarkusTest
class ProgressApiTest {

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Kubectl.PASSWORD);
  }

  private static JsonPath progress(String user) {
    return as(user).get("/api/me/progress").then().statusCode(200).extract().jsonPath();
  }

  private static String lab(JsonPath progress, String id) {
    return progress.getString("labs.find { it.lab == '" + id + "' }.status");
  }

  @Test
  void aLabIsStartedBySessionsChecksHintsOrTheSolutionAndDoneByAPassingCheck() throws Exception {
    Prerequisite.KUBECTL.require();
    Kubectl solved = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    JsonPath fresh = progress(user);
    assertThat(lab(fresh, "request-routing")).isEqualTo("IN_PROGRESS"); // a session was started
    assertThat(lab(fresh, "mtls-strict")).isEqualTo("NOT_STARTED");
    assertThat(fresh.getList("labs.lab")).contains("traffic-shifting", "fault-injection");

    as(user).post("/api/labs/traffic-shifting/hints/next").then().statusCode(200);
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"confirm\": true}")
        .post("/api/labs/fault-injection/solution")
        .then()
        .statusCode(200);
    as(user).post("/api/sessions/" + solved.sessionId + "/check").then().statusCode(200);
    assertThat(lab(progress(user), "request-routing")).isEqualTo("IN_PROGRESS"); // not passed

    Kubectl.Result applied =
        solved.apply(
            Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml")));
    assertThat(applied.exit()).as(applied.err()).isZero();
    as(user).post("/api/sessions/" + solved.sessionId + "/check").then().statusCode(200);

    JsonPath after = progress(user);
    assertThat(lab(after, "request-routing")).isEqualTo("DONE");
    assertThat(lab(after, "traffic-shifting")).isEqualTo("IN_PROGRESS");
    assertThat(after.getInt("labs.find { it.lab == 'traffic-shifting' }.hintsRevealed"))
        .isEqualTo(1);
    assertThat(lab(after, "fault-injection")).isEqualTo("IN_PROGRESS");
    assertThat(after.getString("labs.find { it.lab == 'fault-injection' }.solutionRevealed"))
        .isNotNull();
    assertThat(lab(after, "mtls-strict")).isEqualTo("NOT_STARTED");

    // The lab list shows each status in words; a visitor's list has no badges at all.
    String list = as(user).get("/en/labs").then().statusCode(200).extract().asString();
    assertThat(list)
        .contains("id=\"status-request-routing\">Done<")
        .contains("id=\"status-traffic-shifting\">In progress<")
        .contains("id=\"status-mtls-strict\">Not started<");
    assertThat(as(user).get("/zh/labs").then().extract().asString())
        .contains("id=\"status-traffic-shifting\">进行中<");
    assertThat(given().get("/en/labs").then().statusCode(200).extract().asString())
        .doesNotContain("status-badge");

    // The dashboard lists the checks, the help taken and the after-solution mark.
    String me = as(user).get("/en/me").then().statusCode(200).extract().asString();
    assertThat(me)
        .contains("id=\"check-history\"")
        .contains("Route one user to reviews v2")
        .contains("10 of 10")
        .contains("Revealed ")
        .contains("1 of ");
  }

  @Test
  void aLessonIsInProgressOnceOpenedAndDoneOnceMarkedRead() {
    String user = Kubectl.newLearner();
    Map<String, String> before = progress(user).getMap("lessons");
    assertThat(before).containsEntry("request-routing", "NOT_STARTED");

    as(user).get("/en/lessons/request-routing").then().statusCode(200);
    as(user).get("/zh/lessons/request-routing").then().statusCode(200);
    given().get("/en/lessons/fault-injection").then().statusCode(200); // a visitor records nothing
    assertThat(progress(user).getMap("lessons"))
        .containsEntry("request-routing", "IN_PROGRESS")
        .containsEntry("fault-injection", "NOT_STARTED");
    assertThat(as(user).get("/en/lessons").then().extract().asString())
        .contains("status-badge in-progress\">In progress<");
    assertThat(as(user).get("/en/me").then().extract().asString())
        .contains("id=\"me-opened\"")
        .contains("href=\"/en/lessons/request-routing\"");

    as(user).put("/api/me/lessons/request-routing/read").then().statusCode(204);
    assertThat(progress(user).getMap("lessons")).containsEntry("request-routing", "DONE");
    assertThat(as(user).get("/zh/lessons").then().extract().asString())
        .contains("status-badge done\">已完成<");
    assertThat(given().get("/en/lessons").then().extract().asString())
        .doesNotContain("status-badge");
  }

  @Test
  void progressIsOnlyForASignedInLearner() {
    given().get("/api/me/progress").then().statusCode(401);
    given().redirects().follow(false).get("/en/me").then().statusCode(302);
  }
}

package io.meshdojo.grade;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every Check is kept with its objectives; each learner reads only their own history. */
@QuarkusTest
class CheckHistoryApiTest {

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Kubectl.PASSWORD);
  }

  private static JsonPath check(String user, String session) {
    return as(user)
        .post("/api/sessions/" + session + "/check?lang=en")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath history(String user, String lab) {
    return as(user).get("/api/labs/" + lab + "/checks").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void everyCheckIsStoredWithItsObjectivesNewestFirst() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;

    JsonPath failed = check(user, k.sessionId);
    Kubectl.Result applied =
        k.apply(Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml")));
    assertThat(applied.exit()).as(applied.err()).isZero();
    JsonPath passed = check(user, k.sessionId);

    JsonPath stored = history(user, "request-routing");
    assertThat(stored.getList("$")).hasSize(2);
    assertThat(stored.getBoolean("[0].passed")).isTrue();
    assertThat(stored.getBoolean("[1].passed")).isFalse();
    assertThat(stored.getList("session")).containsOnly(k.sessionId);
    assertThat(stored.getList("lab")).containsOnly("request-routing");
    assertThat(stored.getInt("[0].score")).isEqualTo(passed.getInt("score"));
    assertThat(stored.getInt("[1].score")).isEqualTo(failed.getInt("score"));
    assertThat(stored.getInt("[1].maxScore")).isEqualTo(failed.getInt("maxScore"));
    assertThat(Instant.parse(stored.getString("[0].checkedAt")))
        .isAfterOrEqualTo(Instant.parse(stored.getString("[1].checkedAt")));
    assertThat(stored.getList("afterSolution")).containsOnly(false);
    // The outcome of each objective, in the grader's order, as the check answered it.
    assertThat(stored.getList("[1].objectives.id")).isEqualTo(failed.getList("objectives.id"));
    assertThat(stored.getList("[1].objectives.passed"))
        .isEqualTo(failed.getList("objectives.passed"));
    assertThat(stored.getList("[1].objectives.points"))
        .isEqualTo(failed.getList("objectives.points"));
    assertThat(stored.getList("[0].objectives.passed")).containsOnly(true);

    List<String> newest =
        as(user).get("/api/labs/request-routing/checks?limit=1").jsonPath().getList("passed");
    assertThat(newest).hasSize(1);
    assertThat(history(user, "mtls-strict").getList("$")).isEmpty();
  }

  @Test
  void aLearnerSeesOnlyTheirOwnChecksAndBadRequestsAreExplained() throws Exception {
    Kubectl k = Kubectl.forNewSession("fault-injection");
    String owner = Kubectl.lastUser;
    check(owner, k.sessionId);
    String stranger = Kubectl.newLearner();

    assertThat(history(owner, "fault-injection").getList("$")).hasSize(1);
    assertThat(history(stranger, "fault-injection").getList("$")).isEmpty();
    given().get("/api/labs/fault-injection/checks").then().statusCode(401);
    as(owner).get("/api/labs/no-such-lab/checks").then().statusCode(404);
    as(owner)
        .get("/api/labs/fault-injection/checks?limit=0")
        .then()
        .statusCode(400)
        .body("error", containsString("between 1 and 100"));
    as(owner).get("/api/labs/fault-injection/checks?limit=many").then().statusCode(400);
    as(owner).get("/api/labs/fault-injection/checks?limit=101").then().statusCode(400);
  }

  @Test
  void checksAfterTheSolutionWasRevealedAreMarked() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    String user = Kubectl.lastUser;
    check(user, k.sessionId);
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"confirm\": true}")
        .post("/api/labs/traffic-shifting/solution")
        .then()
        .statusCode(200);
    check(user, k.sessionId);

    assertThat(history(user, "traffic-shifting").getList("afterSolution"))
        .containsExactly(true, false);
  }
}

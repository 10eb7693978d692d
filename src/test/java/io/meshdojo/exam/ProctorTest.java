package io.meshdojo.exam;

import static io.meshdojo.testing.Accounts.as;
import static io.meshdojo.testing.Accounts.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Accounts;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proctor's view of an exam, page and API, through the authz matrix: anonymous, a learner, the
 * candidate, an instructor and an admin. Only instructors and admins see every attempt.
 */
@QuarkusTest
class ProctorTest {

  private static final String PAGE = "/en/exams/istio-sprint/proctor";
  private static final String JSON = "/api/exams/istio-sprint/attempts";
  private static final String CSV = "/api/exams/istio-sprint/attempts.csv";

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  @Test
  void onlyInstructorsAndAdminsFollowEveryAttempt() {
    String candidate = Kubectl.newLearner();
    String learner = Kubectl.newLearner();
    String instructor = Accounts.newInstructor();
    String id =
        as(candidate)
            .post("/api/exams/istio-sprint/attempts")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    // Anonymous: sent to sign in (page) or 401 (API); nothing of the attempts either way.
    int anonymous = given().redirects().follow(false).get(PAGE).then().extract().statusCode();
    assertThat(anonymous).isIn(302, 303, 401);
    given().get(JSON).then().statusCode(401);
    given().get(CSV).then().statusCode(401);
    for (String user : List.of(learner, candidate)) {
      as(user).get(PAGE).then().statusCode(403).body(not(containsString(id)));
      as(user).get(JSON).then().statusCode(403);
      as(user).get(CSV).then().statusCode(403);
      // The exams page offers no proctoring to them.
      as(user).get("/en/exams").then().statusCode(200).body(not(containsString("/proctor")));
    }

    for (RequestSpecification proctor : List.of(as(instructor), asAdmin())) {
      proctor
          .get(PAGE)
          .then()
          .statusCode(200)
          .body(containsString("proctor-row-" + id))
          .body(containsString(candidate))
          .body(containsString("In progress"))
          .body(containsString(CSV));
    }
    as(instructor)
        .get("/en/exams")
        .then()
        .statusCode(200)
        .body(containsString("href=\"/en/exams/istio-sprint/proctor\""));
    as(instructor)
        .get("/zh/exams/istio-sprint/proctor")
        .then()
        .statusCode(200)
        .body(containsString("监考"))
        .body(containsString("作答中"));
    as(instructor).get("/en/exams/no-such-exam/proctor").then().statusCode(404);
    as(instructor).get("/api/exams/no-such-exam/attempts").then().statusCode(404);

    JsonPath live = as(instructor).get(JSON).then().statusCode(200).extract().jsonPath();
    String row = "find { it.id == '" + id + "' }";
    assertThat(live.getString(row + ".candidate")).isEqualTo(candidate);
    assertThat(live.getString(row + ".status")).isEqualTo("IN_PROGRESS");
    assertThat(live.getLong(row + ".remainingSeconds")).isBetween(1L, 25L * 60);
    assertThat(live.getString(row + ".score")).isNull();
    // Nothing of the tasks, answers or notes reaches the proctor's list.
    assertThat(as(instructor).get(JSON).asString()).doesNotContain("instructions", "solution");

    as(candidate).post("/api/attempts/" + id + "/submit").then().statusCode(200);
    JsonPath graded = asAdmin().get(JSON).then().statusCode(200).extract().jsonPath();
    assertThat(graded.getString(row + ".status")).isEqualTo("GRADED");
    assertThat(graded.getLong(row + ".remainingSeconds")).isZero();
    assertThat(graded.getString(row + ".endedBy")).isEqualTo("candidate");
    assertThat(graded.getDouble(row + ".score")).isZero();
    assertThat(graded.getBoolean(row + ".passed")).isFalse();
    as(instructor)
        .get(PAGE)
        .then()
        .statusCode(200)
        .body(containsString("/en/attempts/" + id + "/result"));
    as(instructor).get("/en/attempts/" + id + "/result").then().statusCode(200);
    String csv = as(instructor).get(CSV).then().statusCode(200).extract().asString();
    assertThat(csv.lines().filter(l -> l.contains(id)).findFirst().orElseThrow())
        .contains(candidate, "GRADED", "candidate", "false");
  }
}

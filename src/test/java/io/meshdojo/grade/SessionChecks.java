package io.meshdojo.grade;

import static io.restassured.RestAssured.given;

import io.meshdojo.sandbox.Kubectl;
import io.restassured.path.json.JsonPath;
import java.util.List;

/** The Check button of a lab page, for tests: the learner of the last new session grades it. */
public final class SessionChecks {

  private SessionChecks() {}

  public static JsonPath check(String session) {
    return given()
        .auth()
        .preemptive()
        .basic(Kubectl.lastUser, Kubectl.PASSWORD)
        .post("/api/sessions/" + session + "/check?lang=en")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The ids of the objectives not met. */
  public static List<String> failed(JsonPath result) {
    return result.getList("objectives.findAll { !it.passed }.id", String.class);
  }
}

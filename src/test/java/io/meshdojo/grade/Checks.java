package io.meshdojo.grade;

import static io.restassured.RestAssured.given;

import io.meshdojo.sandbox.Kubectl;
import io.restassured.path.json.JsonPath;
import java.util.List;

/** A learner's Check through the API, and what it did not pass, for the lab tests. */
final class Checks {

  private Checks() {}

  static JsonPath check(String user, String session) {
    return given()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD)
        .post("/api/sessions/" + session + "/check?lang=en")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static List<String> failed(JsonPath result) {
    return result.getList("objectives.findAll { !it.passed }.id", String.class);
  }
}

package io.meshdojo.grade;

import io.meshdojo.sandbox.Kubectl;
import io.restassured.path.json.JsonPath;
import java.util.List;

/** A learner's Check through the API, and what it did not pass, for the lab tests. */
final class Checks {

  private Checks() {}

  static JsonPath check(String user, String session) {
    return Kubectl.check(user, session, "en");
  }

  static List<String> failed(JsonPath result) {
    return result.getList("objectives.findAll { !it.passed }.id", String.class);
  }
}

package io.meshdojo.grade;

import io.meshdojo.sandbox.Kubectl;
import io.restassured.path.json.JsonPath;
import java.util.List;

/** A learner's Check through the API, and what it did not pass, for the lab tests. */
public final class Checks {

  private Checks() {}

  public static JsonPath check(String user, String session) {
    return Kubectl.check(user, session, "en");
  }

  /** The Check of the learner of the last {@link Kubectl#forNewSession}. */
  public static JsonPath check(String session) {
    return check(Kubectl.lastUser, session);
  }

  /** The ids of the objectives not met. */
  public static List<String> failed(JsonPath result) {
    return result.getList("objectives.findAll { !it.passed }.id", String.class);
  }
}

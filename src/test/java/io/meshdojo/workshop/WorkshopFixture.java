package io.meshdojo.workshop;

import static io.restassured.RestAssured.given;

import io.meshdojo.sandbox.Kubectl;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Accounts and workshops for the workshop tests, made through the API as people would. */
final class WorkshopFixture {

  static final String PASSWORD = Kubectl.PASSWORD;
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "test-admin-password";

  private WorkshopFixture() {}

  static RequestSpecification as(String user) {
    String password = ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD;
    return given().auth().preemptive().basic(user, password).contentType(ContentType.JSON);
  }

  static String learner() {
    return Kubectl.newLearner();
  }

  static String instructor() {
    String name = Kubectl.newLearner();
    as(ADMIN)
        .body("{\"role\":\"instructor\"}")
        .put("/api/accounts/" + name + "/role")
        .then()
        .statusCode(200);
    return name;
  }

  /** A workshop that started a minute ago and runs for six hours (beyond a sandbox's usual 4). */
  static String body(String title, String labs, int capacity, String extra) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return body(
        title,
        labs,
        now.minus(Duration.ofMinutes(1)),
        now.plus(Duration.ofHours(6)),
        capacity,
        extra);
  }

  static String body(
      String title, String labs, Instant starts, Instant ends, int capacity, String extra) {
    return "{\"title\":\""
        + title
        + "\",\"labs\":["
        + labs
        + "],\"startsAt\":\""
        + starts
        + "\",\"endsAt\":\""
        + ends
        + "\",\"capacity\":"
        + capacity
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  static JsonPath create(String owner, String body) {
    return as(owner).body(body).post("/api/workshops").then().statusCode(201).extract().jsonPath();
  }

  /** A running workshop of request-routing and mtls-strict. */
  static JsonPath running(String owner, String extra) {
    return create(owner, body("Istio in a day", "\"request-routing\",\"mtls-strict\"", 40, extra));
  }

  static void join(String learner, String code) {
    as(learner)
        .body("{\"code\":\"" + code + "\"}")
        .post("/api/workshops/join")
        .then()
        .statusCode(201);
  }
}

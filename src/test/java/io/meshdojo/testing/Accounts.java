package io.meshdojo.testing;

import static io.restassured.RestAssured.given;

import io.meshdojo.sandbox.Kubectl;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as a test account, and instructors made by the test suite's admin. */
public final class Accounts {

  /** The admin the test profile creates at start. */
  public static final String ADMIN = "admin";

  public static final String ADMIN_PASSWORD = "test-admin-password";

  private Accounts() {}

  /** A request signed by a learner made with {@link Kubectl#newLearner()}. */
  public static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Kubectl.PASSWORD);
  }

  public static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
  }

  /** A new account the admin has made an instructor; its password is {@link Kubectl#PASSWORD}. */
  public static String newInstructor() {
    String instructor = Kubectl.newLearner();
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"role\": \"instructor\"}")
        .put("/api/accounts/" + instructor + "/role")
        .then()
        .statusCode(200);
    return instructor;
  }
}

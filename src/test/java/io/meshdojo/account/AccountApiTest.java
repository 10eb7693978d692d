package io.meshdojo.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountApiTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "test-admin-password";

  @Inject AccountRepository accounts;

  static String newName() {
    return "u" + UUID.randomUUID().toString().substring(0, 8);
  }

  static void signUp(String username, String password) {
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
        .post("/api/signup")
        .then()
        .statusCode(201);
  }

  @Test
  void signUpCreatesALearnerWithABcryptHash() {
    String name = newName();
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + name.toUpperCase() + "\",\"password\":\"correct horse 42\"}")
        .post("/api/signup")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/me"))
        .body("username", equalTo(name))
        .body("role", equalTo("learner"));

    String hash = accounts.findByUsername(name).orElseThrow().passwordHash;
    assertThat(hash).startsWith("$2").doesNotContain("correct horse");
    given()
        .auth()
        .preemptive()
        .basic(name, "correct horse 42")
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(name));
  }

  @Test
  void aTakenUsernameIsAConflictWhateverItsCase() {
    String name = newName();
    signUp(name, "first password 1");
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + name.toUpperCase() + "\",\"password\":\"other password 2\"}")
        .post("/api/signup")
        .then()
        .statusCode(409)
        .body("error", containsString("already taken"));
  }

  @Test
  void weakOrMalformedInputIsABadRequestWithAMessage() {
    record Case(String body, String message) {}
    for (Case c :
        new Case[] {
          new Case("{\"username\":\"" + newName() + "\",\"password\":\"short\"}", "at least 10"),
          new Case("{\"username\":\"ab\",\"password\":\"long enough pw 1\"}", "3 to 32"),
          new Case("{\"username\":\"bad name!\",\"password\":\"long enough pw 1\"}", "3 to 32"),
          new Case("{\"password\":\"long enough pw 1\"}", "username is required"),
          new Case(
              "{\"username\":\"samantha\",\"password\":\"my-samantha-pw\"}", "must not contain"),
          new Case(
              "{\"username\":\"" + newName() + "\",\"password\":\"aaaaaaaaaaaa\"}", "too easy"),
          new Case("{\"username\":", "malformed JSON"),
          new Case("", "JSON body"),
        }) {
      given()
          .contentType(ContentType.JSON)
          .body(c.body())
          .post("/api/signup")
          .then()
          .statusCode(400)
          .body("error", containsString(c.message()));
    }
  }

  @Test
  void theFirstAdminExistsAndOnlyAdminsManageAccounts() {
    String learner = newName();
    signUp(learner, "learner password 7");

    given()
        .get("/api/me")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Basic"));
    given()
        .auth()
        .preemptive()
        .basic(learner, "wrong password 7")
        .get("/api/me")
        .then()
        .statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("role", equalTo("admin"));

    given().get("/api/accounts").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic(learner, "learner password 7")
        .get("/api/accounts")
        .then()
        .statusCode(403);
    given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .get("/api/accounts")
        .then()
        .statusCode(200)
        .body("username", org.hamcrest.Matchers.hasItems(ADMIN, learner));

    given()
        .auth()
        .preemptive()
        .basic(learner, "learner password 7")
        .contentType(ContentType.JSON)
        .body("{\"role\":\"admin\"}")
        .put("/api/accounts/" + learner + "/role")
        .then()
        .statusCode(403);
    given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .contentType(ContentType.JSON)
        .body("{\"role\":\"wizard\"}")
        .put("/api/accounts/" + learner + "/role")
        .then()
        .statusCode(400)
        .body("error", containsString("learner, instructor, admin"));
    given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .contentType(ContentType.JSON)
        .body("{\"role\":\"instructor\"}")
        .put("/api/accounts/" + learner + "/role")
        .then()
        .statusCode(200)
        .body("role", equalTo("instructor"));
    given()
        .auth()
        .preemptive()
        .basic(learner, "learner password 7")
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("role", equalTo("instructor"));
  }

  @Test
  void commonAndPatternedPasswordsAreRefusedWithTheReason() {
    for (String weak :
        new String[] {
          "password12", "qwertyuiop", "1234567890", "Baseball2024!", "!!monkey123456", "q1w2e3r4t5"
        }) {
      given()
          .contentType(ContentType.JSON)
          .body("{\"username\":\"" + newName() + "\",\"password\":\"" + weak + "\"}")
          .post("/api/signup")
          .then()
          .statusCode(400)
          .body("error", containsString("most common passwords"));
    }
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + newName() + "\",\"password\":\"abcdeabcde\"}")
        .post("/api/signup")
        .then()
        .statusCode(400)
        .body("error", containsString("too easy"));
    given()
        .formParam("j_username", newName())
        .formParam("j_password", "qwertyuiop")
        .post("/zh/signup")
        .then()
        .statusCode(400)
        .body(containsString("这是最常见的密码之一"));
    signUp(newName(), "plum orchard 1987");
  }

  @Test
  void theLastAdminCannotBeDemoted() {
    String second = newName();
    signUp(second, "second admin pw 1");
    setRole(second, "admin").then().statusCode(200);
    setRole(second, "learner").then().statusCode(200);

    setRole(ADMIN, "learner")
        .then()
        .statusCode(409)
        .contentType(ContentType.JSON)
        .body("error", containsString("only admin"));
    setRole(ADMIN, "instructor").then().statusCode(409);
    setRole(ADMIN, "admin").then().statusCode(200).body("role", equalTo("admin"));
  }

  private static io.restassured.response.Response setRole(String username, String role) {
    return given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .contentType(ContentType.JSON)
        .body("{\"role\":\"" + role + "\"}")
        .put("/api/accounts/" + username + "/role");
  }

  @Test
  void anUnknownApiPathIsAJson404() {
    given()
        .get("/api/nothing-here")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("status", equalTo(404));
  }
}

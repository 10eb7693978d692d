package io.meshdojo.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.web.FormSession;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guessing passwords and mass sign-ups are slowed down with 429 and Retry-After. */
@QuarkusTest
@TestProfile(ThrottleTest.SmallLimits.class)
class ThrottleTest {

  /** Limits small enough to reach in a test; the defaults are in MeshDojoConfig.Throttling. */
  public static class SmallLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "meshdojo.throttling.account-failures", "3",
          "meshdojo.throttling.address-failures", "8",
          "meshdojo.throttling.address-signups", "4");
    }
  }

  @Test
  void failedSignInsLockTheAccountThenTheAddress() {
    String ana = AccountApiTest.newName();
    String ben = AccountApiTest.newName();
    AccountApiTest.signUp(ana, "ana's passphrase 1");
    AccountApiTest.signUp(ben, "ben's passphrase 2");

    // a typo, then a success, clears the account's count
    basic(ana, "wrong").then().statusCode(401);
    basic(ana, "ana's passphrase 1").then().statusCode(200);
    for (int i = 0; i < 3; i++) {
      basic(ana, "wrong guess " + i).then().statusCode(401);
    }
    // now even the right password waits: the account is locked for the window
    Response locked = basic(ana, "ana's passphrase 1");
    locked
        .then()
        .statusCode(429)
        .contentType(ContentType.JSON)
        .body("status", equalTo(429))
        .body("error", containsString("too many failed sign-ins"));
    assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15 * 60L);
    given()
        .redirects()
        .follow(false)
        .header("Origin", FormSession.ownOrigin())
        .cookie("meshdojo-lang", "zh")
        .formParam("j_username", ana)
        .formParam("j_password", "ana's passphrase 1")
        .post("/j_security_check")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
        .body(containsString("尝试次数过多"));

    // another account from the same address still signs in
    basic(ben, "ben's passphrase 2").then().statusCode(200);

    // failures against many accounts add up per address (8 here: 4 above, 4 more now)
    for (int i = 0; i < 4; i++) {
      basic("nobody" + i, "any guess at all").then().statusCode(401);
    }
    basic(ben, "ben's passphrase 2").then().statusCode(429).header("Retry-After", notBlank());
  }

  @Test
  void oneAddressCreatesOnlySoManyAccounts() {
    int created = 0;
    Response refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      Response r =
          given()
              .contentType(ContentType.JSON)
              .body(
                  "{\"username\":\""
                      + AccountApiTest.newName()
                      + "\",\"password\":\"mass sign-up "
                      + i
                      + "x\"}")
              .post("/api/signup");
      if (r.statusCode() == 201) {
        created++;
      } else {
        refused = r;
      }
    }
    assertThat(created).isLessThanOrEqualTo(4);
    assertThat(refused).as("a refusal within 10 sign-ups").isNotNull();
    refused
        .then()
        .statusCode(429)
        .body("error", containsString("too many sign-ups from this address"))
        .header("Retry-After", notBlank());
    given()
        .formParam("username", AccountApiTest.newName())
        .formParam("password", "mass sign-up page")
        .post("/zh/signup")
        .then()
        .statusCode(429)
        .header("Retry-After", notBlank())
        .body(containsString("尝试次数过多"));
  }

  private static Response basic(String user, String password) {
    return given().auth().preemptive().basic(user, password).get("/api/me");
  }

  private static org.hamcrest.Matcher<String> notBlank() {
    return org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*");
  }
}

package io.meshdojo.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SignupSwitchedOffTest.NoSignup.class)
class SignupSwitchedOffTest {

  public static class NoSignup implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("meshdojo.signup.enabled", "false");
    }
  }

  @Test
  void theApiRefusesSignUpWithAReason() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"newcomer\",\"password\":\"long enough pw 1\"}")
        .post("/api/signup")
        .then()
        .statusCode(403)
        .body("error", containsString("switched off"));
  }

  @Test
  void thePagesHideSignUp() {
    String home = given().get("/en/").then().statusCode(200).extract().asString();
    org.assertj.core.api.Assertions.assertThat(home).doesNotContain("id=\"sign-up\"");
    given().get("/en/signup").then().statusCode(200).body(containsString("switched off"));
  }
}

package io.meshdojo.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.meshdojo.web.FormSession;
import io.meshdojo.web.SessionCookie;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Signing out ends the session on the server: a copy of the old cookie no longer works. */
@QuarkusTest
class SignOutTest {

  @Test
  void aCookieCapturedBeforeSignOutNoLongerAuthenticates() {
    String name = AccountApiTest.newName();
    AccountApiTest.signUp(name, "sign out test 7");
    FormSession stolen = FormSession.signIn(name, "sign out test 7");
    stolen.fromOwnPage().get("/api/me").then().statusCode(200);

    stolen
        .fromOwnPage()
        .post("/logout")
        .then()
        .statusCode(303)
        .header("Set-Cookie", containsString(SessionCookie.NAME + "=;"));

    stolen
        .fromOwnPage()
        .get("/api/me")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Basic"))
        .body("error", containsString("signed out"));
    stolen
        .fromOwnPage()
        .get("/en/me")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/login"));
    stolen
        .fromOwnPage()
        .post("/api/labs/request-routing/hints/next?lang=en")
        .then()
        .statusCode(401);

    // signing in again works, and the new session is not caught by the old sign-out
    FormSession.signIn(name, "sign out test 7").fromOwnPage().get("/api/me").then().statusCode(200);
    // HTTP Basic has no session to end
    given()
        .auth()
        .preemptive()
        .basic(name, "sign out test 7")
        .get("/api/me")
        .then()
        .statusCode(200);
  }

  @Test
  void aCookieThatIsNotOursIsSimplyNoSession() {
    given()
        .redirects()
        .follow(false)
        .cookie(SessionCookie.NAME, "bm90IGEgY29va2llIG9mIG91cnM=")
        .get("/api/me")
        .then()
        .statusCode(401);
  }
}

package io.meshdojo.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.meshdojo.web.FormSession;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Sign-out times are remembered in memory: another replica's sign-out, heard through the fleet,
 * ends the session here without this replica reading the database again, and times only move
 * forward whatever order they arrive in.
 */
@QuarkusTest
class SignOutTimesTest {

  @Inject SignOutTimes times;

  @Test
  void aSignOutHeardFromAnotherReplicaEndsTheSessionHere() {
    String name = AccountApiTest.newName();
    AccountApiTest.signUp(name, "sign out times 7");
    FormSession session = FormSession.signIn(name, "sign out times 7");
    session.fromOwnPage().get("/api/me").then().statusCode(200);
    assertThat(times.known(name)).contains(SignOutTimes.NEVER);

    // the database still says "never": only the fleet's message tells this replica
    times.heard(Instant.now() + " " + name);

    session
        .fromOwnPage()
        .get("/api/me")
        .then()
        .statusCode(401)
        .body("error", containsString("signed out"));
    FormSession.signIn(name, "sign out times 7")
        .fromOwnPage()
        .get("/api/me")
        .then()
        .statusCode(200);
  }

  @Test
  void theLaterTimeWinsWhateverTheOrder() {
    String name = AccountApiTest.newName();
    Instant later = Instant.parse("2026-12-07T04:00:00.123456789Z");
    Instant earlier = later.minus(Duration.ofMinutes(5));

    times.heard(later + " " + name);
    times.heard(earlier + " " + name);
    assertThat(times.known(name)).contains(later);

    // a first look-up in the database (no such account yet: never) does not move it back
    assertThat(times.read(name)).isEqualTo(later);
  }
}

package io.meshdojo.web;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What a browser holds after signing in with the form: the session cookie, sent with its Origin.
 */
public record FormSession(String cookie) {

  /** The origin of the pages under test, as a browser names it in {@code Origin}. */
  public static String ownOrigin() {
    return "http://localhost:" + RestAssured.port;
  }

  /** Signs in through the form, as the login page does. */
  public static FormSession signIn(String username, String password) {
    String cookie = submit(given(), ownOrigin(), username, password).cookie(SessionCookie.NAME);
    if (cookie == null || cookie.isBlank()) {
      throw new AssertionError("signing in as " + username + " set no session cookie");
    }
    return new FormSession(cookie);
  }

  /** Submits the sign-in form through {@code request} from a page of {@code origin}. */
  public static ExtractableResponse<Response> submit(
      RequestSpecification request, String origin, String username, String password) {
    return request
        .redirects()
        .follow(false)
        .header("Origin", origin)
        .formParam("j_username", username)
        .formParam("j_password", password)
        .post("/j_security_check")
        .then()
        .statusCode(302)
        .extract();
  }

  /** A request as a page of this service sends it. */
  public RequestSpecification fromOwnPage() {
    return from(ownOrigin());
  }

  /** A request carrying this session's cookie, sent by a page of {@code origin}. */
  public RequestSpecification from(String origin) {
    return given()
        .redirects()
        .follow(false)
        .cookie(SessionCookie.NAME, cookie)
        .header("Origin", origin);
  }
}

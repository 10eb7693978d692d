package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Cross-site request forgery: a page of another origin cannot act with a learner's cookie. */
@QuarkusTest
class SameOriginTest {

  private static final String EVIL = "http://evil.example";

  @TestHTTPResource("/")
  URL root;

  @Test
  void everyStateChangingCallWithTheCookieNeedsThisServicesOrigin() {
    String user = Kubectl.newLearner();
    FormSession browser = FormSession.signIn(user, Kubectl.PASSWORD);
    String session = startSession(browser);

    record Call(
        String name, Function<RequestSpecification, io.restassured.response.Response> send) {}
    Call[] calls = {
      new Call("start", r -> r.post("/api/labs/request-routing/sessions")),
      new Call(
          "apply as text/plain",
          r ->
              r.contentType("text/plain")
                  .body(
                      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: bookinfo}\n")
                  .post("/api/sessions/" + session + "/apply")),
      new Call(
          "reset with a form body",
          r -> r.formParam("confirm", "yes").post("/api/sessions/" + session + "/reset")),
      new Call("extend", r -> r.post("/api/sessions/" + session + "/extend")),
      new Call("next hint", r -> r.post("/api/labs/request-routing/hints/next?lang=en")),
      new Call("end", r -> r.delete("/api/sessions/" + session)),
      new Call("sign out", r -> r.post("/logout")),
    };
    for (Call call : calls) {
      call.send()
          .apply(browser.from(EVIL))
          .then()
          .statusCode(403)
          .contentType(ContentType.JSON)
          .body("status", equalTo(403))
          .body("error", containsString("evil.example"));
      // without Origin a browser names the page in Referer; with neither, the cookie is not enough
      call.send()
          .apply(
              given()
                  .redirects()
                  .follow(false)
                  .cookie(SessionCookie.NAME, browser.cookie())
                  .header("Referer", EVIL + "/trap.html"))
          .then()
          .statusCode(403);
      call.send()
          .apply(given().redirects().follow(false).cookie(SessionCookie.NAME, browser.cookie()))
          .then()
          .statusCode(403)
          .body("error", containsString("no Origin"));
    }

    // nothing was done: the session is still there, with no hint revealed
    browser.fromOwnPage().get("/api/sessions/" + session).then().statusCode(200);
    browser
        .fromOwnPage()
        .get("/api/labs/request-routing/hints?lang=en")
        .then()
        .statusCode(200)
        .body("revealed.size()", equalTo(0));

    // the service's own pages, by Origin or by Referer, go through
    browser
        .fromOwnPage()
        .post("/api/labs/request-routing/hints/next?lang=en")
        .then()
        .statusCode(200);
    given()
        .cookie(SessionCookie.NAME, browser.cookie())
        .header("Referer", FormSession.ownOrigin() + "/en/labs/request-routing")
        .post("/api/sessions/" + session + "/extend")
        .then()
        .statusCode(200);
  }

  private static String startSession(FormSession browser) {
    return browser
        .fromOwnPage()
        .post("/api/labs/request-routing/sessions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void scriptsWithBasicAuthAndNoOriginAreNotAffected() {
    String user = Kubectl.newLearner();
    Kubectl.startSession(user, "request-routing");
    // but a page elsewhere cannot use credentials a browser might have cached
    given()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD)
        .header("Origin", EVIL)
        .post("/api/labs/request-routing/hints/next?lang=en")
        .then()
        .statusCode(403);
  }

  @Test
  void theSignInSignUpAndSignOutFormsRefuseOtherOrigins() {
    String user = Kubectl.newLearner();
    given()
        .redirects()
        .follow(false)
        .header("Origin", EVIL)
        .formParam("j_username", user)
        .formParam("j_password", Kubectl.PASSWORD)
        .post("/j_security_check")
        .then()
        .statusCode(403)
        .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    given()
        .header("Origin", EVIL)
        .formParam("username", "csrf" + user)
        .formParam("password", "long enough pw 1")
        .post("/en/signup")
        .then()
        .statusCode(403);
    given()
        .auth()
        .preemptive()
        .basic("csrf" + user, "long enough pw 1")
        .get("/api/me")
        .then()
        .statusCode(401);
    FormSession.signIn(user, Kubectl.PASSWORD);
  }

  @Test
  void theTerminalsWebSocketChecksOriginToo() throws Exception {
    String user = Kubectl.newLearner();
    FormSession browser = FormSession.signIn(user, Kubectl.PASSWORD);
    String session = startSession(browser);
    URI console =
        URI.create(
            root.toString().replaceFirst("^http", "ws") + "api/sessions/" + session + "/console");

    ExecutionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> open(console, browser.cookie(), EVIL));
    assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
        .isEqualTo(403);

    CompletableFuture<String> hello = new CompletableFuture<>();
    WebSocket own = open(console, browser.cookie(), FormSession.ownOrigin(), hello);
    assertThat(hello.get(30, TimeUnit.SECONDS)).contains("hello");
    own.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
  }

  private static WebSocket open(URI uri, String cookie, String origin) throws Exception {
    return open(uri, cookie, origin, new CompletableFuture<>());
  }

  private static WebSocket open(
      URI uri, String cookie, String origin, CompletableFuture<String> firstText) throws Exception {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Cookie", SessionCookie.NAME + "=" + cookie)
        .header("Origin", origin)
        .buildAsync(
            uri,
            new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                firstText.complete(data.toString());
                return null;
              }
            })
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void originsCompareBySchemeHostAndPort() {
    assertThat(SameOriginGuard.originOf("HTTP://LocalHost:80/x?y")).contains("http://localhost");
    assertThat(SameOriginGuard.originOf("https://a.example:443")).contains("https://a.example");
    assertThat(SameOriginGuard.originOf("https://a.example:8443/"))
        .contains("https://a.example:8443");
    assertThat(SameOriginGuard.originOf("null")).isEmpty();
    assertThat(SameOriginGuard.originOf("::not a url")).isEmpty();
  }
}

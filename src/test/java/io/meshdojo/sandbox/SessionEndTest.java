package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.testing.Prerequisite;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session ends by DELETE or by expiry, and both release the same things: every object of its
 * sandbox and every watch open on it. Watches are capped per sandbox and per account.
 */
@QuarkusTest
class SessionEndTest {

  @Inject SandboxObjectRepository objects;
  @Inject SandboxSessionRepository sessions;
  @Inject ReconcileLoop loop;

  @TestHTTPResource("/")
  URL base;

  final HttpClient client = HttpClient.newHttpClient();
  final ExecutorService readers = Executors.newCachedThreadPool();
  final List<Watch> watches = new ArrayList<>();

  /** A raw watch on a sandbox's ConfigMaps: its status and, once it ends, every line it sent. */
  record Watch(int status, Stream<String> body, CompletableFuture<List<String>> lines) {}

  @AfterEach
  void closeWatches() {
    watches.forEach(w -> w.body().close());
    readers.shutdownNow();
  }

  static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Kubectl.PASSWORD);
  }

  static String token(Kubectl k) throws Exception {
    return Files.readString(k.kubeconfig).replaceAll("(?s).*token: (\\S+).*", "$1");
  }

  Watch watch(Kubectl k) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    base
                        + "sandboxes/"
                        + k.sessionId
                        + "/k8s/api/v1/namespaces/default/configmaps?watch=true"))
            .header("Authorization", "Bearer " + token(k))
            .build();
    HttpResponse<Stream<String>> response =
        client.send(request, HttpResponse.BodyHandlers.ofLines());
    Watch watch =
        new Watch(
            response.statusCode(),
            response.body(),
            CompletableFuture.supplyAsync(() -> response.body().toList(), readers));
    watches.add(watch);
    return watch;
  }

  void timeIsUp(String id) {
    QuarkusTransaction.requiringNew()
        .run(() -> sessions.findById(id).expiresAt = Instant.now().minusSeconds(1));
  }

  static void awaitEnd(Watch watch) {
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.lines().isDone());
  }

  @Test
  void expiryReleasesWhatEndingReleases() throws Exception {
    Kubectl ended = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    Kubectl expired = Kubectl.forSession(user, Kubectl.startSession(user, "request-routing"));
    assertThat(objects.countOf(ended.sessionId)).isPositive();
    assertThat(objects.countOf(expired.sessionId)).isPositive();
    Watch onEnded = watch(ended);
    Watch onExpired = watch(expired);

    as(user).delete("/api/sessions/" + ended.sessionId).then().statusCode(204);
    timeIsUp(expired.sessionId);
    // Nobody looks at the expired session: the periodic sweep releases it.
    loop.reconcileDue();

    awaitEnd(onEnded);
    awaitEnd(onExpired);
    assertThat(String.join("\n", onEnded.lines().get()))
        .contains("\"type\":\"ERROR\"")
        .contains("has ended");
    assertThat(String.join("\n", onExpired.lines().get()))
        .contains("\"type\":\"ERROR\"")
        .contains("sandbox session " + expired.sessionId + " has expired");
    assertThat(objects.countOf(ended.sessionId)).isZero();
    assertThat(objects.countOf(expired.sessionId)).isZero();
    as(user)
        .get("/api/sessions/" + expired.sessionId)
        .then()
        .statusCode(200)
        .body("status", equalTo("EXPIRED"));
    given()
        .header("Authorization", "Bearer " + token(expired))
        .get("/sandboxes/" + expired.sessionId + "/k8s/api/v1/namespaces/default/configmaps")
        .then()
        .statusCode(401)
        .body("message", containsString("has expired"));
  }

  @Test
  void aSessionLookedAtAfterItsTimeIsExpiredAndReleasedThen() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    Watch watch = watch(k);
    timeIsUp(k.sessionId);
    as(user)
        .get("/api/sessions/" + k.sessionId)
        .then()
        .statusCode(200)
        .body("status", equalTo("EXPIRED"));
    awaitEnd(watch);
    assertThat(objects.countOf(k.sessionId)).isZero();
  }

  @Test
  void kubectlGetWatchEndsWhenItsSessionEnds() throws Exception {
    Prerequisite.KUBECTL.require();
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    Path out = Files.createTempFile("watch-", ".txt");
    Process watch = k.start(out, "get", "cm", "-n", "default", "-w");
    try {
      // The watch is live once it shows an object created after it started.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                given()
                    .header("Authorization", "Bearer " + token(k))
                    .contentType("application/json")
                    .body(
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"seen-"
                            + System.nanoTime()
                            + "\"}}")
                    .post("/sandboxes/" + k.sessionId + "/k8s/api/v1/namespaces/default/configmaps")
                    .then()
                    .statusCode(201);
                return Files.readString(out).contains("seen-");
              });
      as(user).delete("/api/sessions/" + k.sessionId).then().statusCode(204);
      await().atMost(Duration.ofSeconds(30)).until(() -> !watch.isAlive());
      assertThat(Files.readString(out, StandardCharsets.UTF_8))
          .contains("sandbox session " + k.sessionId + " has ended");
    } finally {
      watch.destroy();
      watch.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void watchesAreCappedPerSandboxAndPerAccount() throws Exception {
    Kubectl first = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    Kubectl second = Kubectl.forSession(user, Kubectl.startSession(user, "request-routing"));
    Kubectl third = Kubectl.forSession(user, Kubectl.startSession(user, "request-routing"));
    for (int i = 0; i < 10; i++) {
      assertThat(watch(first).status()).isEqualTo(200);
    }
    given()
        .header("Authorization", "Bearer " + token(first))
        .get(
            "/sandboxes/"
                + first.sessionId
                + "/k8s/api/v1/namespaces/default/configmaps?watch=true")
        .then()
        .statusCode(429)
        .body("kind", equalTo("Status"))
        .body("reason", equalTo("TooManyRequests"))
        .body("message", containsString("this sandbox already has 10 open watches"));
    for (int i = 0; i < 10; i++) {
      assertThat(watch(second).status()).isEqualTo(200);
    }
    given()
        .header("Authorization", "Bearer " + token(third))
        .get("/sandboxes/" + third.sessionId + "/k8s/api/v1/configmaps?watch=1")
        .then()
        .statusCode(429)
        .body("message", containsString("your sandboxes already have 20 open watches"));

    // Ending a session frees its watches' places.
    as(user).delete("/api/sessions/" + first.sessionId).then().statusCode(204);
    assertThat(watch(third).status()).isEqualTo(200);
  }
}

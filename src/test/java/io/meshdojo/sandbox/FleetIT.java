package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.web.SessionCookie;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service (the jar built for PostgreSQL) on one database serve one
 * learner as one service: a sign-in cookie of replica A is good on replica B, a write through A
 * reaches a watch held on B within a second, traffic sent through A shows in logs, a log follow and
 * the Prometheus API through B, and scheduled expiry runs in one replica per period.
 */
class FleetIT {

  static final String PASSWORD = "fleet pass 42";
  static final Duration EXPIRY_CHECK = Duration.ofSeconds(2);
  static final String RAN = "job " + ReconcileLoop.JOB + ": runs here";
  static final String SKIPPED = "job " + ReconcileLoop.JOB + ": another replica ran it";
  static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

  final List<PackagedService> replicas = new ArrayList<>();
  final HttpClient client = HttpClient.newHttpClient();
  final List<Stream<String>> bodies = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    bodies.forEach(Stream::close);
    for (PackagedService replica : replicas) {
      replica.kill();
    }
  }

  PackagedService replica(String name, String sessionKey) throws IOException {
    Path dir = Files.createTempDirectory("fleet-it-" + name + "-");
    PackagedService replica =
        PackagedService.start(
            PackagedService.Database.postgresql(),
            dir,
            List.of(
                "-Dquarkus.http.auth.session.encryption-key=" + sessionKey,
                "-Dmeshdojo.sandbox.reconcile-every=" + EXPIRY_CHECK,
                "-Dquarkus.log.category.\"io.meshdojo.fleet.FleetOnce\".level=DEBUG"));
    replicas.add(replica);
    return replica;
  }

  @Test
  void twoReplicasOnOneDatabaseServeALearnerAsOne() throws Exception {
    // The one setting every replica must share; made for this run, like an operator's secret.
    String sessionKey = UUID.randomUUID() + "-" + UUID.randomUUID();
    PackagedService a = replica("a", sessionKey);
    PackagedService b = replica("b", sessionKey);

    String user = "fleet" + System.nanoTime();
    PackagedService.Learner learner = a.newLearnerInSession(user, PASSWORD, "request-routing");

    // A sign-in cookie from A is good on B.
    String cookie =
        given()
            .baseUri(a.base())
            .redirects()
            .follow(false)
            .header("Origin", a.base())
            .formParam("j_username", user)
            .formParam("j_password", PASSWORD)
            .post("/j_security_check")
            .then()
            .statusCode(302)
            .extract()
            .cookie(SessionCookie.NAME);
    assertThat(cookie).isNotBlank();
    given().baseUri(b.base()).get("/api/me").then().statusCode(401);
    given()
        .baseUri(b.base())
        .cookie(SessionCookie.NAME, cookie)
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(user));

    // A write through A reaches a watch held on B within a second, a deletion too.
    String configMaps =
        "/sandboxes/" + learner.sessionId() + "/k8s/api/v1/namespaces/default/configmaps";
    List<String> watched = lines(b.base() + configMaps + "?watch=true", learner.token());
    String name = "written-through-a";
    HttpRequest create =
        HttpRequest.newBuilder(URI.create(a.base() + configMaps))
            .header("Authorization", "Bearer " + learner.token())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                        + name
                        + "\"},\"data\":{\"through\":\"a\"}}"))
            .build();
    assertThat(client.send(create, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(1))
        .until(() -> watched.stream().anyMatch(l -> l.contains("\"ADDED\"") && l.contains(name)));
    HttpRequest delete =
        HttpRequest.newBuilder(URI.create(a.base() + configMaps + "/" + name))
            .header("Authorization", "Bearer " + learner.token())
            .DELETE()
            .build();
    assertThat(client.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(1))
        .until(() -> watched.stream().anyMatch(l -> l.contains("\"DELETED\"") && l.contains(name)));
    assertThat(watched.stream().filter(l -> l.contains(name)))
        .as("each change once, though both replicas hold the sandbox's changes")
        .hasSize(2);

    trafficThroughOneReplicaIsSeenThroughTheOther(a, b, learner, user);

    // Expiry runs in one replica per period: the session is expired, and its watch on B ended.
    try (Connection db = database();
        PreparedStatement due =
            db.prepareStatement(
                "update sandbox_session set expires_at = now() - interval '1 minute'"
                    + " where id = ?")) {
      due.setString(1, learner.sessionId());
      assertThat(due.executeUpdate()).isEqualTo(1);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "EXPIRED".equals(statusOf(learner.sessionId())));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> watched.stream().anyMatch(l -> l.contains("\"ERROR\"")));
    // Both replicas' schedulers fire every period; runs of the job, wherever, stay a period apart.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                runs(a).size() + runs(b).size() >= 5
                    && tried(a)
                    && tried(b)
                    && (skipped(a) || skipped(b)));
    List<LocalDateTime> runs = new ArrayList<>(runs(a));
    runs.addAll(runs(b));
    runs.sort(null);
    Duration shortest = Duration.ofDays(1);
    for (int i = 1; i < runs.size(); i++) {
      Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
      shortest = gap.compareTo(shortest) < 0 ? gap : shortest;
    }
    assertThat(shortest)
        .as("the shortest time between two runs of the expiry, in either replica")
        .isGreaterThan(EXPIRY_CHECK.multipliedBy(7).dividedBy(10));
  }

  /**
   * The simulated data plane's records are the fleet's: requests sent from a pod through A show in
   * kubectl logs and the Prometheus API through B, and a log followed on B gets A's new lines
   * within a second.
   */
  void trafficThroughOneReplicaIsSeenThroughTheOther(
      PackagedService a, PackagedService b, PackagedService.Learner learner, String user)
      throws Exception {
    Kubectl throughA = Kubectl.forKubeconfig(learner.sessionId(), learner.kubeconfig());
    Kubectl throughB =
        Kubectl.forKubeconfig(
            learner.sessionId(),
            b.as(user, PASSWORD)
                .get("/api/sessions/" + learner.sessionId() + "/kubeconfig")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(
            throughA.run("apply", "-f", "src/test/resources/telemetry/mesh-access-logs.yaml").ok())
        .contains("created");
    String client =
        throughB
            .run(
                "-n",
                "bookinfo",
                "get",
                "pods",
                "-l",
                "app=ratings",
                "-o",
                "jsonpath={.items[0].metadata.name}")
            .ok();
    List<String> followed =
        lines(
            b.base()
                + "/sandboxes/"
                + learner.sessionId()
                + "/k8s/api/v1/namespaces/bookinfo/pods/"
                + client
                + "/log?container=istio-proxy&follow=true",
            learner.token());
    for (int i = 0; i < 3; i++) {
      throughA
          .run(
              "-n",
              "bookinfo",
              "exec",
              "deploy/ratings-v1",
              "-c",
              "ratings",
              "--",
              "curl",
              "-s",
              "http://reviews:9080/reviews/" + i)
          .ok();
      String path = "\"GET /reviews/" + i + " HTTP/1.1\" 200";
      await()
          .atMost(Duration.ofSeconds(1))
          .until(() -> followed.stream().anyMatch(l -> l.contains(path)));
    }
    assertThat(followed.stream().filter(l -> l.contains("\"GET /reviews/"))).hasSize(3);

    String logged = throughB.run("-n", "bookinfo", "logs", client, "-c", "istio-proxy").ok();
    assertThat(logged.lines().filter(l -> l.contains("\"GET /reviews/"))).hasSize(3);
    String sent =
        b.as(user, PASSWORD)
            .queryParam(
                "query",
                "sum(istio_requests_total{reporter=\"source\",source_workload=\"ratings-v1\"})")
            .get("/api/sessions/" + learner.sessionId() + "/prometheus/api/v1/query")
            .then()
            .statusCode(200)
            .extract()
            .path("data.result[0].value[1]");
    assertThat(sent).isEqualTo("3");
  }

  /**
   * Opens a watch or a follow and collects its lines as they come, in the background, until the
   * test ends; returns once the answer started.
   */
  List<String> lines(String url, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
    HttpResponse<Stream<String>> response =
        client.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    Stream<String> body = response.body();
    bodies.add(body);
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> body.forEach(lines::add), "fleet-it-stream");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  static Connection database() throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", "meshdojo");
    return DriverManager.getConnection(
        PackagedService.Database.postgresql().jdbcUrl(), credentials);
  }

  static String statusOf(String session) throws SQLException {
    try (Connection db = database();
        PreparedStatement query =
            db.prepareStatement("select phase from sandbox_session where id = ?")) {
      query.setString(1, session);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  static List<String> log(PackagedService replica) throws IOException {
    return Files.readAllLines(replica.dir.resolve("service.log"));
  }

  static List<LocalDateTime> runs(PackagedService replica) throws IOException {
    return log(replica).stream()
        .filter(l -> l.contains(RAN))
        .map(l -> LocalDateTime.parse(l.substring(0, 23), LOG_TIME))
        .toList();
  }

  static boolean skipped(PackagedService replica) throws IOException {
    return log(replica).stream().anyMatch(l -> l.contains(SKIPPED));
  }

  static boolean tried(PackagedService replica) throws IOException {
    return log(replica).stream().anyMatch(l -> l.contains(RAN) || l.contains(SKIPPED));
  }
}

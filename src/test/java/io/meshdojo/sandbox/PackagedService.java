package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.meshdojo.testing.Prerequisite;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged jar run as a process of its own, as an operator runs it, for tests that stop, kill
 * and restart it. Everything it keeps (log, TLS key pair, H2 files) is in one folder.
 */
final class PackagedService {

  static final String ADMIN_PASSWORD = "packaged-admin";

  /** A packaged jar and the database it is pointed at. */
  record Database(String name, Prerequisite jar, String jdbcUrl) {

    /** The default jar on its embedded H2 database, in {@code dir}. */
    static Database h2(Path dir) {
      return new Database(
          "H2",
          Prerequisite.PACKAGED_JAR,
          "jdbc:h2:file:"
              + dir.resolve("db/meshdojo")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    /** The jar built for PostgreSQL (see pom.xml) on the test database. */
    static Database postgresql() {
      return new Database(
          "PostgreSQL",
          Prerequisite.PACKAGED_POSTGRESQL_JAR,
          "jdbc:postgresql://127.0.0.1:5432/"
              + System.getProperty("test.database", "meshdojo_test"));
    }
  }

  final Database database;
  final Path dir;
  final int http;
  final int https;
  private final List<String> options;
  private Process process;

  private PackagedService(Database database, Path dir, List<String> options) throws IOException {
    this.database = database;
    this.dir = dir;
    this.options = options;
    this.http = freePort();
    this.https = freePort();
  }

  /** Starts the jar and waits until it is ready; skips the test when the jar was not built. */
  static PackagedService start(Database database, Path dir) throws IOException {
    return start(database, dir, List.of());
  }

  /**
   * @param options more {@code -Dname=value} options of the service's JVM
   */
  static PackagedService start(Database database, Path dir, List<String> options)
      throws IOException {
    database.jar().require();
    PackagedService service = new PackagedService(database, dir, options);
    service.start();
    return service;
  }

  String base() {
    return "http://localhost:" + http;
  }

  /** Signs a new learner up, starts a session of {@code lab} and returns its kubeconfig. */
  Learner newLearnerInSession(String user, String password, String lab) {
    given()
        .baseUri(base())
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
        .post("/api/signup")
        .then()
        .statusCode(201);
    String id =
        as(user, password)
            .post("/api/labs/" + lab + "/sessions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String kubeconfig =
        as(user, password)
            .get("/api/sessions/" + id + "/kubeconfig")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return new Learner(id, kubeconfig);
  }

  /** A request to this service as {@code user}. */
  RequestSpecification as(String user, String password) {
    return given().baseUri(base()).auth().preemptive().basic(user, password);
  }

  /** A learner's session and its kubeconfig. */
  record Learner(String sessionId, String kubeconfig) {
    /** The bearer token the kubeconfig carries. */
    String token() {
      Matcher line = Pattern.compile("token: (\\S+)").matcher(kubeconfig);
      if (!line.find()) {
        throw new IllegalStateException("no token in the kubeconfig: " + kubeconfig);
      }
      return line.group(1);
    }
  }

  void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dquarkus.http.port=" + http,
            "-Dquarkus.http.ssl-port=" + https,
            "-Dmeshdojo.tls.dir=" + dir.resolve("tls"),
            "-Dmeshdojo.sandbox.public-url=https://localhost:" + https,
            "-Dmeshdojo.admin.password=" + ADMIN_PASSWORD,
            "-Dquarkus.datasource.username=meshdojo",
            "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl()));
    command.addAll(options);
    command.addAll(List.of("-jar", database.jar().path().toAbsolutePath().toString()));
    Path log = dir.resolve("service.log");
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(() -> !process.isAlive() || ready());
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("the service did not start: " + Files.readString(log), e);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("the service stopped: " + Files.readString(log));
    }
  }

  private boolean ready() {
    return given().baseUri(base()).get("/q/health/ready").statusCode() == 200;
  }

  /** Stops the service as an operator does (SIGTERM), letting it shut down cleanly. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /** Kills the service without warning (SIGKILL on Linux), as a crash or {@code kill -9} does. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.testing.Prerequisite;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sandbox survives a restart of the service: the packaged jar (on its embedded defaults: H2 and
 * the HTTPS key pair it makes itself, in a fresh folder) is started, used through kubectl, stopped
 * and started again.
 */
class SandboxRestartIT {

  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  static final String PASSWORD = "restart pass 42";

  Process service;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null && service.isAlive()) {
      service.destroy();
      service.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void objectsAndTokensSurviveARestart() throws Exception {
    Prerequisite.PACKAGED_JAR.require();
    Prerequisite.KUBECTL.require();
    Path dir = Files.createTempDirectory("restart-it-");
    int http = freePort();
    int https = freePort();

    service = start(dir, http, https);
    String base = "http://localhost:" + http;
    given()
        .baseUri(base)
        .contentType(ContentType.JSON)
        .body("{\"username\":\"restarter\",\"password\":\"" + PASSWORD + "\"}")
        .post("/api/signup")
        .then()
        .statusCode(201);
    String id =
        given()
            .baseUri(base)
            .auth()
            .preemptive()
            .basic("restarter", PASSWORD)
            .post("/api/labs/request-routing/sessions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String kubeconfig =
        given()
            .baseUri(base)
            .auth()
            .preemptive()
            .basic("restarter", PASSWORD)
            .get("/api/sessions/" + id + "/kubeconfig")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Path config = dir.resolve("kubeconfig");
    Files.writeString(config, kubeconfig);

    assertThat(kubectl(dir, "apply", "-f", "labs/request-routing/solution/reviews-routing.yaml"))
        .contains("created");
    String before = kubectl(dir, "get", "vs", "-n", "bookinfo", "-o", "name");
    assertThat(before).contains("virtualservice.networking.istio.io/");

    service.destroy();
    assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
    service = start(dir, http, https);

    // the same kubeconfig still works, and the objects are all there
    assertThat(kubectl(dir, "get", "vs", "-n", "bookinfo", "-o", "name")).isEqualTo(before);
    assertThat(kubectl(dir, "get", "pods", "-n", "bookinfo"))
        .contains("reviews-v3-")
        .contains("Running");
    assertThat(kubectl(dir, "label", "vs", "--all", "-n", "bookinfo", "after=restart"))
        .contains("labeled");
    given()
        .baseUri(base)
        .auth()
        .preemptive()
        .basic("restarter", PASSWORD)
        .get("/api/sessions/" + id)
        .then()
        .statusCode(200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process start(Path dir, int http, int https) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dquarkus.http.port=" + http,
            "-Dquarkus.http.ssl-port=" + https,
            "-Dmeshdojo.tls.dir=" + dir.resolve("tls"),
            "-Dmeshdojo.sandbox.public-url=https://localhost:" + https,
            "-Dmeshdojo.admin.password=restart-admin",
            "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:"
                + dir.resolve("db/meshdojo")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "-jar",
            JAR.toAbsolutePath().toString());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()))
            .start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (given().baseUri("http://localhost:" + http).get("/q/health/ready").statusCode()
            == 200) {
          return p;
        }
      } catch (Exception notYet) {
        // still starting
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the service did not start: " + Files.readString(dir.resolve("service.log")));
  }

  private static String kubectl(Path dir, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Kubectl.BINARY.toString(),
                "--kubeconfig=" + dir.resolve("kubeconfig"),
                "--cache-dir=" + dir.resolve("cache")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}

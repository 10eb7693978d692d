package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the packaged jar says when it starts on a machine without Docker: no ERROR, the sandbox
 * choice once in plain words, and never the key that encrypts sign-in cookies.
 */
@QuarkusIntegrationTest
class StartupLogIT {

  /** Where the integration test keeps the jar's output (Quarkus's default). */
  private static final Path LOG = Path.of("target", "quarkus.log");

  /** Where the jar keeps its secrets in this run (meshdojo.tls.dir, see pom.xml). */
  private static final Path KEY = Path.of("target", "it-data", "tls", LocalTls.SESSION_KEY);

  @Test
  void theStartUpLogIsCalmAndKeepsTheSessionKeyOut() throws Exception {
    given().get("/q/health/ready").then().statusCode(200);
    List<String> lines = Files.readAllLines(LOG);
    assertThat(lines).anyMatch(line -> line.contains("Profile prod activated"));
    assertThat(lines).noneMatch(line -> line.contains(" ERROR "));
    assertThat(lines.stream().filter(line -> line.contains("Lab sandboxes are embedded")))
        .singleElement()
        .asString()
        .contains(" INFO ")
        .contains("real kind clusters are off (no Docker engine)");
    assertThat(lines).noneMatch(line -> line.contains("Docker environment"));
    String key = Files.readString(KEY).strip();
    assertThat(key).hasSizeGreaterThanOrEqualTo(32);
    assertThat(lines).noneMatch(line -> line.contains(key) || line.contains("temporary key"));
  }
}

package io.meshdojo.sandbox.kind;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The running service reports the kind backend in its health checks and stays ready whether or not
 * this machine has Docker.
 */
@QuarkusTest
class KindSandboxHealthTest {

  static final boolean DOCKER = DockerProbe.testcontainers().unavailableReason().isEmpty();
  static final String CHECK = "checks.find { it.name == 'sandbox-kind' }";

  @Test
  void readinessIncludesTheKindBackendAndTheServiceIsReadyEitherWay() {
    var response =
        given()
            .get("/q/health/ready")
            .then()
            .statusCode(200)
            .body("status", equalTo("UP"))
            .body(CHECK + ".status", equalTo("UP"))
            .body(CHECK + ".data.available", equalTo(DOCKER));
    if (!DOCKER) {
      response.body(CHECK + ".data.reason", startsWith("no Docker engine"));
    }
  }

  @Test
  void livenessIncludesItToo() {
    given()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body(CHECK + ".status", equalTo("UP"))
        .body(CHECK + ".data.available", equalTo(DOCKER));
  }
}

package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.meshdojo.testing.LabFolders;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void readinessReportsTheDatabaseAndTheLoadedCatalogue() throws Exception {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'catalogue' }.data.lessons", greaterThanOrEqualTo(14))
        .body("checks.find { it.name == 'catalogue' }.data.labs", equalTo(LabFolders.ids().size()));
  }

  /** The Helm chart's liveness and start-up probes ask these (infra/deploy/meshdojo). */
  @Test
  void livenessAndStartUpAnswerUp() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void theOpenApiDocumentDescribesThePublicApi() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("/api/signup"),
                containsString("/api/lessons"),
                containsString("/api/labs"),
                containsString("/api/me/lessons/{id}/read")));
  }

  @Test
  void prometheusMetricsAreExposed() {
    given().get("/api/lessons").then().statusCode(200);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count"));
  }

  /**
   * The server answers 413 from the declared length, before reading a byte of the body; the test
   * sends only the headers so the answer cannot race a client still writing 2 MB.
   */
  @Test
  void oversizedBodiesAreRefusedBeforeParsing() throws Exception {
    try (Socket socket = new Socket(root.getHost(), root.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /api/signup HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(status).startsWith("HTTP/1.1 413");
    }
  }
}

package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

  @Test
  void readinessReportsTheDatabaseAndTheLoadedCatalogue() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'catalogue' }.data.lessons", greaterThanOrEqualTo(14))
        .body("checks.find { it.name == 'catalogue' }.data.labs", equalTo(7));
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

  @Test
  void oversizedBodiesAreRefusedBeforeParsing() {
    given()
        .contentType("application/json")
        .body("{\"username\":\"" + "a".repeat(2_000_000) + "\"}")
        .post("/api/signup")
        .then()
        .statusCode(413);
  }
}

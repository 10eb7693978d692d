package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An exam attempt's clock is the server's and survives a restart of the packaged service: endsAt is
 * kept and remainingSeconds keeps falling from where it was, never reset.
 */
class ExamClockRestartIT {

  static final String PASSWORD = "exam restart pass 42";

  PackagedService service;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void theClockKeepsRunningAcrossARestart() throws Exception {
    Path dir = Files.createTempDirectory("exam-restart-it-");
    service = PackagedService.start(PackagedService.Database.h2(dir), dir);
    service.newLearnerInSession("candidate", PASSWORD, "request-routing");
    JsonPath started =
        service
            .as("candidate", PASSWORD)
            .post("/api/exams/istio-sprint/attempts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = started.getString("id");
    String endsAt = started.getString("endsAt");
    long before = started.getLong("remainingSeconds");

    service.stop();
    service.start();

    JsonPath after =
        service
            .as("candidate", PASSWORD)
            .get("/api/attempts/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(after.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(after.getString("endsAt")).isEqualTo(endsAt);
    assertThat(after.getLong("remainingSeconds")).isLessThanOrEqualTo(before);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                service
                        .as("candidate", PASSWORD)
                        .get("/api/attempts/" + id)
                        .jsonPath()
                        .getLong("remainingSeconds")
                    < before);
  }
}

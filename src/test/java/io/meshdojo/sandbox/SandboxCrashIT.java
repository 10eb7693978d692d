package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A write the sandbox API acknowledged survives the service being killed (SIGKILL) in the middle of
 * concurrent writes, and resourceVersions are never handed out twice: the packaged jar on its
 * embedded H2 database and the jar built for PostgreSQL.
 */
class SandboxCrashIT {

  static final int WRITERS = 5;
  static final int ACKNOWLEDGED_BEFORE_THE_KILL = 60;
  static final String PASSWORD = "crash pass 42";

  PackagedService service;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.kill();
    }
  }

  @Test
  void acknowledgedWritesSurviveAKillOnH2() throws Exception {
    Path dir = Files.createTempDirectory("crash-it-h2-");
    acknowledgedWritesSurviveAKill(PackagedService.Database.h2(dir), dir);
  }

  @Test
  void acknowledgedWritesSurviveAKillOnPostgresql() throws Exception {
    Path dir = Files.createTempDirectory("crash-it-postgresql-");
    acknowledgedWritesSurviveAKill(PackagedService.Database.postgresql(), dir);
  }

  private void acknowledgedWritesSurviveAKill(PackagedService.Database database, Path dir)
      throws Exception {
    service = PackagedService.start(database, dir);
    PackagedService.Learner learner =
        service.newLearnerInSession("crash" + System.nanoTime(), PASSWORD, "request-routing");
    String token = learner.token();
    String id = learner.sessionId();
    String configMaps = "/sandboxes/" + id + "/k8s/api/v1/namespaces/default/configmaps";

    // name -> the resourceVersion the API answered with
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    HttpClient client = HttpClient.newHttpClient();
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.execute(
          () -> {
            // Writes until the service is gone (the request fails) or for long enough.
            for (int i = 0; i < 2_000; i++) {
              String name = "w" + writer + "-" + i;
              HttpRequest create =
                  HttpRequest.newBuilder(URI.create(service.base() + configMaps))
                      .header("Authorization", "Bearer " + token)
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                                  + name
                                  + "\"},\"data\":{\"writer\":\""
                                  + writer
                                  + "\"}}"))
                      .build();
              try {
                HttpResponse<String> answer =
                    client.send(create, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 201) {
                  return;
                }
                acknowledged.put(name, resourceVersionOf(JsonPath.from(answer.body())));
              } catch (Exception serviceGone) {
                return;
              }
            }
          });
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_THE_KILL);
    service.kill();
    writers.shutdown();
    assertThat(writers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    Map<String, Long> beforeTheKill = new HashMap<>(acknowledged);

    service.start();
    JsonPath listing =
        given()
            .baseUri(service.base())
            .header("Authorization", "Bearer " + token)
            .get(configMaps)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Long> stored = new HashMap<>();
    List<Map<String, Object>> items = listing.getList("items");
    for (int i = 0; i < items.size(); i++) {
      stored.put(
          listing.getString("items[" + i + "].metadata.name"),
          Long.parseLong(listing.getString("items[" + i + "].metadata.resourceVersion")));
    }
    assertThat(stored)
        .as("every write acknowledged before the kill, with the resourceVersion it was given")
        .containsAllEntriesOf(beforeTheKill);

    // Writes committed but not yet answered when the kill came may be there too: count them.
    long highestSeen = stored.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    JsonPath after =
        given()
            .baseUri(service.base())
            .header("Authorization", "Bearer " + token)
            .contentType(ContentType.JSON)
            .body(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"after-the-kill\"}}")
            .post(configMaps)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(resourceVersionOf(after))
        .as("a write after the restart takes a resourceVersion never handed out before")
        .isGreaterThan(highestSeen);
  }

  private static long resourceVersionOf(JsonPath object) {
    return Long.parseLong(object.getString("metadata.resourceVersion"));
  }
}

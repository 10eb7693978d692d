package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/sessions/{id}/events read by a real HTTP client, on the embedded backend. */
@QuarkusTest
class SessionEventsTest {

  @TestHTTPResource("/api/sessions/")
  URL sessions;

  URI events(String id) {
    return URI.create(sessions + id + "/events");
  }

  @Test
  void anEmbeddedSessionSendsItsReadyStateOnceAndTheStreamEnds() throws Exception {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, "authz-bookinfo");

    EventStream stream = EventStream.open(events(id), user, "sandbox pass 42");
    List<JsonNode> events = stream.awaitEnd();

    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");
    assertThat(events).hasSize(1);
    JsonNode ready = events.get(0);
    assertThat(ready.get("id").asText()).isEqualTo(id);
    assertThat(ready.get("status").asText()).isEqualTo("READY");
    assertThat(ready.get("backend").asText()).isEqualTo("embedded");
    assertThat(ready.at("/progress/step").asText()).isEqualTo("Ready");
    assertThat(ready.at("/progress/percent").asInt()).isEqualTo(100);
    assertThat(ready.at("/progress").has("queuePosition")).isFalse();
  }

  @Test
  void anEndedSessionSendsItsFinalStateAndTheStreamEnds() throws Exception {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, "authz-bookinfo");
    SessionApiTest.as(user).delete("/api/sessions/" + id).then().statusCode(204);

    List<JsonNode> events = EventStream.open(events(id), user, "sandbox pass 42").awaitEnd();

    assertThat(events).hasSize(1);
    assertThat(events.get(0).get("status").asText()).isEqualTo("ENDED");
  }

  @Test
  void someoneElsesSessionIsNotFound() throws Exception {
    String owner = Kubectl.newLearner();
    String id = Kubectl.startSession(owner, "authz-bookinfo");
    String other = Kubectl.newLearner();

    EventStream stream = EventStream.open(events(id), other, "sandbox pass 42");
    List<JsonNode> events = stream.awaitEnd();

    assertThat(stream.statusCode()).isEqualTo(404);
    assertThat(events).isEmpty();
    assertThat(EventStream.open(events("no-such-session"), owner, "sandbox pass 42").statusCode())
        .isEqualTo(404);
  }
}

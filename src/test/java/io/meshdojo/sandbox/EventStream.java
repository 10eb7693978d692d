package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real HTTP client reading a server-sent event stream: the {@code data:} of every event, as it
 * arrives, until the server ends the stream.
 */
public final class EventStream {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpResponse<Stream<String>> response;
  private final List<JsonNode> events = new ArrayList<>();
  private final CompletableFuture<Void> ended;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.ended =
        CompletableFuture.runAsync(
            () ->
                response
                    .body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> add(line.substring("data:".length()).trim())));
  }

  /** Opens {@code uri} as {@code user} (basic authentication, the learners' test password). */
  public static EventStream open(URI uri, String user, String password) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .header("Authorization", "Basic " + basic)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    return new EventStream(
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()));
  }

  private synchronized void add(String data) {
    try {
      events.add(JSON.readTree(data));
    } catch (Exception e) {
      throw new IllegalStateException("an event that is not JSON: " + data, e);
    }
    notifyAll();
  }

  public int statusCode() {
    return response.statusCode();
  }

  public String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  public synchronized List<JsonNode> events() {
    return List.copyOf(events);
  }

  /** Waits for an event matching {@code wanted}. */
  public synchronized JsonNode await(String what, Predicate<JsonNode> wanted)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      for (JsonNode event : events) {
        if (wanted.test(event)) {
          return event;
        }
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("no event " + what + " among " + events);
      }
      wait(left);
    }
  }

  /** Waits until the server ends the stream, and returns every event it sent. */
  public List<JsonNode> awaitEnd() throws Exception {
    ended.get(15, TimeUnit.SECONDS);
    return events();
  }
}

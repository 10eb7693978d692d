package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.sandbox.Kubectl;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The lab terminal's WebSocket, driven as the lab page drives it, for tests. */
public final class ConsoleClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Generous: a bound on waiting for the server, not a measure of its speed. */
  static final long WAIT_SECONDS = 30;

  private ConsoleClient() {}

  /** What a command printed and the code it ended with. */
  public record Ran(String text, int code) {}

  /** A WebSocket client that queues every frame and the close it receives. */
  public static final class Terminal implements WebSocket.Listener {
    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed.complete(status + " " + reason);
      return null;
    }

    public JsonNode next() throws InterruptedException {
      JsonNode frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(frame).as("a frame from the console").isNotNull();
      return frame;
    }

    /** Sends one protocol message as the page would, without waiting for an answer. */
    public void send(Map<String, String> message) throws Exception {
      socket.sendText(JSON.writeValueAsString(message), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The text of the output frames up to the exit frame, and its code. */
    public Ran untilExit() throws InterruptedException {
      StringBuilder text = new StringBuilder();
      JsonNode frame;
      while (!(frame = next()).path("type").asText().equals("exit")) {
        text.append(frame.path("text").asText());
      }
      return new Ran(text.toString(), frame.path("code").asInt());
    }

    public Ran run(String line, String stdin) throws Exception {
      Map<String, String> message =
          stdin == null
              ? Map.of("type", "command", "line", line)
              : Map.of("type", "command", "line", line, "stdin", stdin);
      socket.sendText(JSON.writeValueAsString(message), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
      StringBuilder text = new StringBuilder();
      while (true) {
        JsonNode frame = next();
        switch (frame.path("type").asText()) {
          case "output" -> text.append(frame.path("text").asText());
          case "clear" -> text.append("<clear>");
          case "edit" ->
              text.append("<edit>").append(frame.path("text").asText()).append("</edit>");
          case "exit" -> {
            return new Ran(text.toString(), frame.path("code").asInt());
          }
          default -> throw new AssertionError("unexpected frame " + frame);
        }
      }
    }
  }

  /** A new learner's session of a lab, and its terminal past the hello. */
  public record Session(String user, String id, Terminal terminal) {}

  public static Session newSession(URL root, String lab) throws Exception {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, lab);
    Terminal terminal = connect(root, user, id, "en");
    terminal.next();
    return new Session(user, id, terminal);
  }

  public static Terminal connect(URL root, String user, String session, String lang)
      throws Exception {
    Terminal terminal = new Terminal();
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + Kubectl.PASSWORD).getBytes(StandardCharsets.UTF_8));
    URI uri =
        URI.create(
            root.toString().replaceFirst("^http", "ws")
                + "api/sessions/"
                + session
                + "/console?lang="
                + lang);
    terminal.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Basic " + auth)
            .buildAsync(uri, terminal)
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
    return terminal;
  }
}

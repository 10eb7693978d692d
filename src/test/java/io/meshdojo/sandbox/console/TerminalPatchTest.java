package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleClient.Ran;
import io.meshdojo.sandbox.console.ConsoleClient.Terminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl patch} in the terminal, checked against what the learner's own kubectl then reads
 * from the same sandbox: troubleshoot-503's ratings subset repaired with one merge patch.
 */
@QuarkusTest
class TerminalPatchTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void mergeAndJsonPatchesChangeTheStoredObject() throws Exception {
    ConsoleClient.Session session = ConsoleClient.newSession(root, "troubleshoot-503");
    Terminal t = session.terminal();
    Kubectl kubectl = Kubectl.forSession(session.user(), session.id());

    assertThat(
            t.run(
                "kubectl -n bookinfo patch dr ratings --type merge"
                    + " -p '{\"spec\":{\"subsets\":[{\"name\":\"v1\",\"labels\":{\"version\":\"v1\"}}]}}'",
                null))
        .isEqualTo(new Ran("destinationrule.networking.istio.io/ratings patched\n", 0));
    assertThat(
            kubectl
                .run(
                    "get",
                    "dr",
                    "ratings",
                    "-n",
                    "bookinfo",
                    "-o",
                    "jsonpath={.spec.subsets[0].labels.version}")
                .out())
        .isEqualTo("v1");

    // The same patch again changes nothing, and kubectl says so.
    assertThat(
            t.run(
                    "kubectl -n bookinfo patch dr ratings --type=merge"
                        + " -p '{\"spec\":{\"subsets\":[{\"name\":\"v1\",\"labels\":{\"version\":\"v1\"}}]}}'",
                    null)
                .text())
        .isEqualTo("destinationrule.networking.istio.io/ratings patched (no change)\n");

    // A JSON patch (YAML is read too, as kubectl reads it).
    assertThat(
            t.run(
                    "kubectl patch vs/reviews -n bookinfo --type json"
                        + " -p '[{op: replace, path: /spec/hosts/0, value: reviews}]'",
                    null)
                .code())
        .isZero();
    assertThat(
            kubectl
                .run("get", "vs", "reviews", "-n", "bookinfo", "-o", "jsonpath={.spec.hosts[0]}")
                .out())
        .isEqualTo("reviews");

    // kubectl's default, a strategic merge patch, is for built-in kinds only.
    Ran strategic = t.run("kubectl -n bookinfo patch dr details -p '{\"spec\":{}}'", null);
    assertThat(strategic.code()).isEqualTo(1);
    assertThat(strategic.text())
        .startsWith(
            "Error from server (UnsupportedMediaType): strategic merge patch is not supported");
    assertThat(
            t.run(
                    "kubectl -n bookinfo patch deploy reviews-v1"
                        + " -p '{\"metadata\":{\"labels\":{\"team\":\"books\"}}}'",
                    null)
                .text())
        .isEqualTo("deployment.apps/reviews-v1 patched\n");

    Ran broken = t.run("kubectl -n bookinfo patch dr details --type merge -p '{bad'", null);
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.text()).startsWith("error: unable to parse \"{bad\": ");
    assertThat(t.run("kubectl -n bookinfo patch dr nosuch --type merge -p '{}'", null))
        .isEqualTo(
            new Ran(
                "Error from server (NotFound): destinationrules.networking.istio.io \"nosuch\" not"
                    + " found\n",
                1));
  }
}

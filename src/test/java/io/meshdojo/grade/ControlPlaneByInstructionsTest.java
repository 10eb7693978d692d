package io.meshdojo.grade;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleClient;
import io.meshdojo.sandbox.console.ConsoleClient.Ran;
import io.meshdojo.sandbox.console.ConsoleClient.Terminal;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lab troubleshoot-control-plane solved as its instructions and hints lead a learner, through the
 * lab terminal's WebSocket: istiod's log, the shop's events and proxy-status show the two faults; a
 * "fix" that only hides the refusal is tried and graded as such; the mesh config is repaired in the
 * editor and the shop relabelled and restarted in the terminal; Check gives full marks.
 */
@QuarkusTest
class ControlPlaneByInstructionsTest {

  private static final String LAB = "troubleshoot-control-plane";

  @TestHTTPResource("/")
  URL root;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private static String ok(Terminal t, String line) throws Exception {
    Ran ran = t.run(line, null);
    assertThat(ran.code()).as(line + "\n" + ran.text()).isZero();
    return ran.text();
  }

  private static String status(Terminal t, String from, String container, String url)
      throws Exception {
    return t.run(
            "kubectl -n bookinfo exec deploy/"
                + from
                + " -c "
                + container
                + " -- curl -s -o /dev/null -w '%{http_code}\\n' "
                + url,
            null)
        .text()
        .strip();
  }

  @Test
  void theControlPlaneIsReadFromItsLogEventsAndProxyStatusAndRepaired() throws Exception {
    String user = Kubectl.newLearner();
    String session = Kubectl.startSession(user, LAB);
    Terminal t = ConsoleClient.connect(root, user, session, "en");
    t.next();

    // The symptoms as reported: no cart pod, external calls go out, no access log.
    assertThat(ok(t, "kubectl get deploy -n shop")).contains("0/1");
    assertThat(ok(t, "kubectl get pods -n shop")).contains("No resources found");
    assertThat(status(t, "ratings-v1", "ratings", "http://www.google.com/")).isEqualTo("200");
    // istiod's own account: it refuses the mesh config, in its words.
    assertThat(ok(t, "kubectl logs -n istio-system deploy/istiod --tail=5"))
        .contains(
            "warn\tinvalid mesh config, using last known state: unknown field \"enableAutoMTLS\""
                + " in istio.mesh.v1alpha1.MeshConfig");
    // The API server's: the leftover webhook of the removed revision refuses the cart's pod.
    assertThat(ok(t, "kubectl get events -n shop"))
        .contains("FailedCreate")
        .contains("failed calling webhook \"rev.namespace.sidecar-injector.istio.io\"")
        .contains("service \"istiod-1-25\" not found");
    assertThat(ok(t, "istioctl proxy-status")).contains("productpage").doesNotContain("cart");
    assertThat(t.run("istioctl analyze -n shop", null).text()).contains("1-25");
    JsonPath broken = Checks.check(user, session);
    assertThat(Checks.failed(broken))
        .containsExactlyInAnyOrder(
            "external-blocked", "proxies-log-requests", "shop-analyzed-clean");

    // Deleting the webhook only hides the refusal: the cart starts, without a sidecar.
    ok(t, "kubectl delete mutatingwebhookconfiguration istio-sidecar-injector-1-25");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ok(t, "kubectl get pods -n shop")).contains("1/1"));
    assertThat(Checks.failed(Checks.check(user, session)))
        .contains("cart-has-proxy", "shop-analyzed-clean");

    // The fixes of the third hint: the mesh config in the editor, the shop's label, a restart.
    JsonPath applied =
        given()
            .auth()
            .preemptive()
            .basic(user, Kubectl.PASSWORD)
            .contentType("text/plain")
            .body(Files.readString(Path.of("labs", LAB, "solution/20-mesh-config.yaml")))
            .post("/api/sessions/" + session + "/apply")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(applied.getBoolean("ok")).as(applied.prettify()).isTrue();
    assertThat(ok(t, "kubectl logs -n istio-system deploy/istiod --tail=1"))
        .contains("info\tmesh configuration updated to: accessLogFile: /dev/stdout")
        .doesNotContain("invalid mesh config");
    ok(t, "kubectl label namespace shop istio.io/rev- istio-injection=enabled");
    ok(t, "kubectl rollout restart deployment/cart -n shop");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok(t, "kubectl get pods -n shop"))
                    .contains("2/2")
                    .doesNotContain("1/1"));

    assertThat(ok(t, "istioctl proxy-status")).contains(".shop");
    assertThat(status(t, "ratings-v1", "ratings", "http://www.google.com/")).isEqualTo("502");
    assertThat(
            status(t, "productpage-v1", "productpage", "http://cart.shop.svc.cluster.local:8080/"))
        .isEqualTo("200");
    assertThat(ok(t, "kubectl -n bookinfo logs deploy/productpage-v1 -c istio-proxy --tail=1"))
        .contains("cart.shop.svc.cluster.local");
    assertThat(t.run("istioctl analyze -n shop", null).text()).doesNotContain("1-25");
    JsonPath done = Checks.check(user, session);
    assertThat(done.getBoolean("passed")).as(done.prettify()).isTrue();
    assertThat(done.getInt("score")).isEqualTo(done.getInt("maxScore"));
  }
}

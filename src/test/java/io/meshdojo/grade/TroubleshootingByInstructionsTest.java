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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each troubleshooting lab solved as its instructions tell a learner to: the symptoms and causes
 * found with the lab terminal's kubectl and istioctl (through its WebSocket), the fixes made in the
 * terminal and one of them in the editor, then Check with full marks.
 */
@QuarkusTest
class TroubleshootingByInstructionsTest {

  @TestHTTPResource("/")
  URL root;

  @BeforeAll
  static void needsKubectl() {
    // The session is opened through the API as the real kubectl's user; the terminal is the lab's.
    Prerequisite.KUBECTL.require();
  }

  private record Lab(String user, String session, Terminal terminal) {}

  private Lab open(String lab) throws Exception {
    String user = Kubectl.newLearner();
    String session = Kubectl.startSession(user, lab);
    Terminal t = ConsoleClient.connect(root, user, session, "en");
    t.next();
    return new Lab(user, session, t);
  }

  /** Runs a command that must succeed and returns what it printed. */
  private static String ok(Terminal t, String line) throws Exception {
    Ran ran = t.run(line, null);
    assertThat(ran.code()).as(line + "\n" + ran.text()).isZero();
    return ran.text();
  }

  private static String file(String lab, String path) throws Exception {
    return Files.readString(Path.of("labs", lab, path));
  }

  /** The editor's Apply, as the lab page sends it. */
  private static void editorApply(Lab lab, String yaml) {
    JsonPath report =
        given()
            .auth()
            .preemptive()
            .basic(lab.user(), Kubectl.PASSWORD)
            .contentType("text/plain")
            .body(yaml)
            .post("/api/sessions/" + lab.session() + "/apply")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(report.getBoolean("ok")).as(report.prettify()).isTrue();
  }

  private static JsonPath check(Lab lab) {
    return Checks.check(lab.user(), lab.session());
  }

  private static List<String> failed(JsonPath result) {
    return Checks.failed(result);
  }

  /** analyze finds no error in the namespace, and the Check gives every point. */
  private static void cleanWithFullMarks(Lab lab, String namespace) throws Exception {
    assertThat(lab.terminal().run("istioctl analyze -n " + namespace, null).text())
        .doesNotContain("Error");
    fullMarks(lab);
  }

  private static void fullMarks(Lab lab) {
    JsonPath done = check(lab);
    assertThat(done.getBoolean("passed")).as(done.prettify()).isTrue();
    assertThat(done.getInt("score")).isEqualTo(done.getInt("maxScore"));
  }

  /** The HTTP status a curl from the Deployment's application container prints. */
  private static String status(Terminal t, String from, String url) throws Exception {
    String[] nsAndApp = from.split("/");
    String container = nsAndApp[1].replaceFirst("-v1$", "");
    return t.run(
            "kubectl -n "
                + nsAndApp[0]
                + " exec deploy/"
                + nsAndApp[1]
                + " -c "
                + container
                + " -- curl -s -o /dev/null -w '%{http_code}\\n' "
                + url,
            null)
        .text()
        .strip();
  }

  @Test
  void broken503IsFoundByAnalyzeAndTheProxyLogsAndFixedInTheTerminalAndTheEditor()
      throws Exception {
    Lab lab = open("troubleshoot-503");
    Terminal t = lab.terminal();

    assertThat(t.run("istioctl analyze -n bookinfo", null).text()).contains("Error");
    ok(t, "kubectl -n bookinfo get virtualservices,destinationrules,peerauthentications");
    assertThat(status(t, "bookinfo/ratings-v1", "http://details:9080/details/0"))
        .isNotEqualTo("200");
    assertThat(status(t, "bookinfo/ratings-v1", "http://ratings:9080/ratings/0"))
        .isNotEqualTo("200");
    ok(t, "kubectl -n bookinfo logs deploy/ratings-v1 -c istio-proxy --tail=5");

    // Two fixes in the terminal, the third in the editor.
    for (String fix :
        List.of("solution/20-reviews-routing.yaml", "solution/30-ratings-routing.yaml")) {
      Ran applied = t.run("kubectl apply -f -", file("troubleshoot-503", fix));
      assertThat(applied.code()).as(applied.text()).isZero();
    }
    editorApply(lab, file("troubleshoot-503", "solution/40-details-policy.yaml"));

    assertThat(status(t, "bookinfo/ratings-v1", "http://details:9080/details/0")).isEqualTo("200");
    assertThat(status(t, "bookinfo/ratings-v1", "http://ratings:9080/ratings/0")).isEqualTo("200");
    assertThat(
            ok(
                t,
                "kubectl -n bookinfo exec deploy/ratings-v1 -c ratings -- curl -s -H 'end-user: jason' http://reviews:9080/reviews/0"))
        .contains("v2");
    // Outside the mesh, plain text is still refused: the connection is reset, curl prints 000.
    assertThat(
            status(
                t,
                "default/sleep",
                "http://productpage.bookinfo.svc.cluster.local:9080/productpage"))
        .isEqualTo("000");
    cleanWithFullMarks(lab, "bookinfo");
  }

  @Test
  void theGatewayIsFoundByItsLabelsAndHostsAndFixedInTheEditorAndTheTerminal() throws Exception {
    Lab lab = open("troubleshoot-gateway");
    Terminal t = lab.terminal();
    // The gateway's own routes are not in the terminal's proxy-config (it shows a sidecar's view),
    // so the gateway is judged by its selector against the gateway pods' labels, and by analyze.
    String selector =
        "kubectl -n istio-system get gateway bookinfo-gateway -o jsonpath='{.spec.selector}'";
    assertThat(ok(t, selector)).doesNotContain("\"istio\":\"ingressgateway\"");
    assertThat(t.run("istioctl analyze -n bookinfo", null).text()).contains("IST0101");
    assertThat(ok(t, "kubectl get gateways,virtualservices -A")).contains("bookinfo-gateway");
    assertThat(ok(t, "kubectl -n istio-system get pods --show-labels"))
        .contains("istio=ingressgateway");

    editorApply(lab, file("troubleshoot-gateway", "solution/10-bookinfo-gateway.yaml"));
    Ran applied =
        t.run(
            "kubectl apply -f -", file("troubleshoot-gateway", "solution/20-bookinfo-routes.yaml"));
    assertThat(applied.code()).as(applied.text()).isZero();

    assertThat(ok(t, selector)).contains("\"istio\":\"ingressgateway\"");
    cleanWithFullMarks(lab, "bookinfo");
  }

  @Test
  void theShopIsBroughtIntoTheMeshByLabelsTheEditorAndRestarts() throws Exception {
    Lab lab = open("troubleshoot-injection");
    Terminal t = lab.terminal();

    // The symptom: no proxies, so plain text from outside the mesh gets through STRICT.
    assertThat(ok(t, "kubectl get pods -n shop")).contains("1/1").doesNotContain("2/2");
    String fromOutside = "http://cart.shop.svc.cluster.local:8080/";
    assertThat(status(t, "default/sleep", fromOutside)).isEqualTo("200");
    assertThat(ok(t, "istioctl proxy-status")).doesNotContain("frontend").doesNotContain("cart");
    // The causes, as the hints lead to them.
    assertThat(ok(t, "kubectl get namespaces shop shop-payments --show-labels"))
        .contains("istio.io/rev=1-25")
        .doesNotContain("istio-injection");
    assertThat(
            ok(t, "kubectl get deploy cart -n shop -o jsonpath='{.spec.template.metadata.labels}'"))
        .contains("sidecar.istio.io/inject");
    assertThat(ok(t, "kubectl get events -n shop-payments")).contains("1-25");
    assertThat(t.run("istioctl analyze -n shop-payments", null).text()).contains("1-25");
    assertThat(failed(check(lab)))
        .contains("plaintext-refused", "proxies-are-1-26", "payments-analyzed-clean");

    ok(t, "kubectl label namespace shop istio-injection=enabled");
    ok(t, "kubectl label namespace shop-payments istio.io/rev=default --overwrite");

    // Labelled but not restarted: the pods keep what they got, and the Check says to restart.
    JsonPath labelled = check(lab);
    assertThat(failed(labelled))
        .contains("plaintext-refused", "proxies-are-1-26", "shop-analyzed-clean");
    assertThat(labelled.prettify()).contains("restart");
    assertThat(t.run("istioctl analyze -n shop", null).text()).contains("IST0103");

    // The opt-out goes in the editor (a new template rolls the cart out), the rest restart.
    editorApply(lab, file("troubleshoot-injection", "solution/20-cart.yaml"));
    ok(t, "kubectl rollout restart deployment/frontend -n shop");
    ok(t, "kubectl rollout restart deployment/payment -n shop-payments");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(ok(t, "kubectl get pods -n shop")).contains("2/2").doesNotContain("1/1");
              assertThat(ok(t, "kubectl get pods -n shop-payments"))
                  .contains("2/2")
                  .doesNotContain("1/1");
            });

    assertThat(status(t, "shop/frontend", "http://cart:8080/")).isEqualTo("200");
    assertThat(status(t, "default/sleep", fromOutside)).isEqualTo("000");
    assertThat(ok(t, "istioctl proxy-status")).contains("frontend").contains("payment");
    assertThat(t.run("istioctl analyze -n shop", null).text()).doesNotContain("IST0103");
    fullMarks(lab);
  }
}

package io.meshdojo.sandbox.dataplane;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code pilot-agent request GET stats/prometheus} (and {@code stats}) in a simulated proxy,
 * through the real kubectl: what that proxy reported, as Envoy exposes it. A mirrored copy is
 * counted by the mirror target's proxy only (reporter destination), as Istio does. A reset forgets
 * the sandbox's metrics, logs and graph.
 */
@QuarkusTest
class ProxyStatsKubectlTest {

  private static final String MIRRORED = "reviews.bookinfo.svc.cluster.local";

  private static Kubectl.Result proxy(Kubectl k, String deploy, String... command)
      throws Exception {
    String[] args = new String[7 + command.length];
    System.arraycopy(
        new String[] {"-n", "bookinfo", "exec", "deploy/" + deploy, "-c", "istio-proxy", "--"},
        0,
        args,
        0,
        7);
    System.arraycopy(command, 0, args, 7, command.length);
    return k.run(args);
  }

  private static String prometheus(Kubectl k, String deploy) throws Exception {
    Kubectl.Result r = proxy(k, deploy, "pilot-agent", "request", "GET", "stats/prometheus");
    assertThat(r.exit()).as(r.all()).isZero();
    return r.out();
  }

  private static List<Map<String, Object>> edges(String user, String session) {
    return given()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD)
        .get("/api/sessions/" + session + "/graph?minutes=5")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("edges");
  }

  @Test
  void eachProxyExposesWhatItReportedAndTheMirrorTargetCountsTheCopies() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-mirroring");
    String user = Kubectl.lastUser;
    assertThat(k.run("apply", "-f", "labs/traffic-mirroring/solution").exit()).isZero();
    assertThat(k.run("apply", "-f", DataPlaneKubectlTest.MESH_ACCESS_LOGS).exit()).isZero();
    for (int i = 0; i < 3; i++) {
      Kubectl.Result r =
          k.exec("bookinfo", "deploy/ratings-v1", "curl", "-s", "http://reviews:9080/reviews/0");
      assertThat(r.out()).as(r.all()).contains("reviews-v1-");
    }

    String client = prometheus(k, "ratings-v1");
    assertThat(client)
        .contains("# TYPE istio_requests_total counter\n")
        .contains("# TYPE istio_request_duration_milliseconds histogram\n")
        .containsPattern(
            "(?m)^istio_requests_total\\{reporter=\"source\",source_workload=\"ratings-v1\",.*"
                + "destination_workload=\"reviews-v1\",.*destination_service=\""
                + MIRRORED
                + "\",.*response_code=\"200\".*\\} 3$")
        .containsPattern("(?m)^istio_request_duration_milliseconds_bucket\\{.*le=\"\\+Inf\"\\} 3$")
        .doesNotContain("destination_workload=\"reviews-v2\"");
    String v2 = prometheus(k, "reviews-v2");
    assertThat(v2.lines().filter(l -> l.startsWith("istio_requests_total{")))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("istio_requests_total{reporter=\"destination\",")
                    .contains("source_workload=\"ratings-v1\"")
                    .contains("destination_workload=\"reviews-v2\"")
                    .contains("connection_security_policy=\"mutual_tls\"")
                    .endsWith("} 3"));
    // Envoy's text form folds Istio's tags into the name.
    Kubectl.Result text = proxy(k, "reviews-v2", "pilot-agent", "request", "GET", "stats");
    assertThat(text.out())
        .containsPattern("(?m)^reporter=\\.=destination;\\.;.*;\\.;istio_requests_total: 3$");
    // The copy reaches v2 with Envoy's -shadow Host; the answer went to v1 only.
    Kubectl.Result v2Log =
        k.run("-n", "bookinfo", "logs", "deploy/reviews-v2", "-c", "istio-proxy");
    assertThat(v2Log.out().lines().filter(l -> l.contains("\"reviews-shadow:9080\""))).hasSize(3);
    assertThat(edges(user, k.sessionId))
        .anySatisfy(
            e ->
                assertThat(e)
                    .containsEntry("target", "workload:bookinfo/reviews-v2")
                    .containsEntry("requests", 3));

    Kubectl.Result refused = proxy(k, "reviews-v2", "pilot-agent", "request", "GET", "config_dump");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("istioctl proxy-config");

    // A reset starts from no traffic: no metrics, no proxy logs, an empty graph.
    given()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD)
        .post("/api/sessions/" + k.sessionId + "/reset")
        .then()
        .statusCode(200);
    assertThat(prometheus(k, "reviews-v2")).isEmpty();
    assertThat(prometheus(k, "ratings-v1")).isEmpty();
    assertThat(k.run("-n", "bookinfo", "logs", "deploy/reviews-v2", "-c", "istio-proxy").out())
        .isEmpty();
    assertThat(edges(user, k.sessionId)).isEmpty();
  }
}

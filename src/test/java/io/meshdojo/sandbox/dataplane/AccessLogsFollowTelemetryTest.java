package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl logs -c istio-proxy} through the real kubectl shows a request only where the
 * grader's access-log model says that proxy logs it: the telemetry-access-logs lab, before and
 * after its reference solution.
 */
@QuarkusTest
class AccessLogsFollowTelemetryTest {

  private static String curl(Kubectl k, String ns, String deploy, String... curlArgs)
      throws Exception {
    String[] args = new String[8 + curlArgs.length + 4];
    String[] head = {"-n", ns, "exec", "deploy/" + deploy, "-c", container(deploy), "--", "curl"};
    System.arraycopy(head, 0, args, 0, head.length);
    String[] fixed = {"-s", "-o", "/dev/null", "-w"};
    System.arraycopy(fixed, 0, args, 8, 4);
    System.arraycopy(curlArgs, 0, args, 12, curlArgs.length);
    Kubectl.Result r = k.run(args);
    assertThat(r.exit()).as(r.all()).isZero();
    return r.out();
  }

  private static String container(String deploy) {
    return deploy.replaceAll("-v\\d$", "");
  }

  private static String proxyLog(Kubectl k, String ns, String deploy) throws Exception {
    Kubectl.Result r = k.run("-n", ns, "logs", "deploy/" + deploy, "-c", "istio-proxy");
    assertThat(r.exit()).as(r.all()).isZero();
    return r.out();
  }

  @Test
  void nothingIsLoggedByDefaultAndTheSolutionLogsErrorsAndEverythingAtProductpage()
      throws Exception {
    Kubectl k = Kubectl.forNewSession("telemetry-access-logs");
    String fail = "http://ratings:9080/ratings/0";
    assertThat(curl(k, "bookinfo", "reviews-v2", "%{http_code}", "-H", "x-fail: true", fail))
        .isEqualTo("503");
    assertThat(proxyLog(k, "bookinfo", "reviews-v2"))
        .as("the default profile logs nothing")
        .isEmpty();

    assertThat(k.run("apply", "-f", "labs/telemetry-access-logs/solution").exit()).isZero();
    assertThat(curl(k, "bookinfo", "reviews-v2", "%{http_code}", "-H", "x-fail: true", fail))
        .isEqualTo("503");
    assertThat(curl(k, "bookinfo", "reviews-v2", "%{http_code}", fail)).isEqualTo("200");
    String reviews = proxyLog(k, "bookinfo", "reviews-v2");
    assertThat(reviews.lines().toList())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("\"GET /ratings/0 HTTP/1.1\" 503 FI"));
    assertThat(proxyLog(k, "bookinfo", "ratings-v1"))
        .as("ratings' successful inbound request is not an error")
        .isEmpty();

    assertThat(
            curl(k, "bookinfo", "productpage-v1", "%{http_code}", "http://details:9080/details/0"))
        .isEqualTo("200");
    assertThat(proxyLog(k, "bookinfo", "productpage-v1"))
        .contains("\"GET /details/0 HTTP/1.1\" 200 - via_upstream");
    assertThat(proxyLog(k, "bookinfo", "details-v1")).isEmpty();

    assertThat(
            curl(
                k,
                "default",
                "sleep",
                "%{http_code}",
                "-H",
                "x-fail: true",
                "http://ratings.bookinfo.svc.cluster.local:9080/ratings/0"))
        .isEqualTo("503");
    assertThat(proxyLog(k, "default", "sleep")).as("outside bookinfo nothing logs").isEmpty();
  }
}

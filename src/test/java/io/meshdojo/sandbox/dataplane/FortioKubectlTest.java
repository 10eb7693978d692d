package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * fortio in the circuit-breaking lab's simulated pods, through the real kubectl: concurrent
 * connections overflow the DestinationRule's pool with 503 UO exactly as the grader's model says,
 * every call is logged and counted, and fortio's own errors keep its wording and exit codes.
 */
@QuarkusTest
class FortioKubectlTest {

  private static Kubectl.Result fortio(Kubectl k, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("fortio"));
    command.addAll(List.of(args));
    return k.exec("cb", "deploy/fortio", command.toArray(String[]::new));
  }

  /** A command line run by sh in the istio-proxy container of fortio's pod. */
  private static Kubectl.Result fortiosProxy(Kubectl k, String line) throws Exception {
    return k.run("-n", "cb", "exec", "deploy/fortio", "-c", "istio-proxy", "--", "sh", "-c", line);
  }

  private static Kubectl.Result load(Kubectl k, int connections, int calls) throws Exception {
    return fortio(
        k,
        "load",
        "-c",
        String.valueOf(connections),
        "-qps",
        "0",
        "-n",
        String.valueOf(calls),
        "-loglevel",
        "Warning",
        "http://httpbin:8000/get");
  }

  @Test
  void threeConnectionsOverflowAPoolOfOneActiveAndOnePendingForAThirdOfTheCalls() throws Exception {
    Kubectl k = Kubectl.forNewSession("circuit-breaking");
    assertThat(k.run("apply", "-f", DataPlaneKubectlTest.MESH_ACCESS_LOGS).exit()).isZero();

    // Without a DestinationRule nothing limits the pool.
    Kubectl.Result free = load(k, 3, 30);
    assertThat(free.exit()).as(free.all()).isZero();
    assertThat(free.out())
        .contains("Starting at max qps with 3 thread(s) [gomax 2] for exactly 30 calls")
        .contains("Code 200 : 30 (100.0 %)")
        .doesNotContain("Code 503")
        .containsPattern("(?m)^# target 99% [0-9.]+$")
        .contains("All done 30 calls (plus 0 warmup)");

    assertThat(k.run("apply", "-f", "labs/circuit-breaking/solution").exit()).isZero();
    Kubectl.Result one = load(k, 1, 20);
    assertThat(one.out()).as(one.all()).contains("Code 200 : 20 (100.0 %)").doesNotContain("503");
    assertThat(one.err()).doesNotContain("Non ok http code");

    // Capacity 1 active + 1 pending: of 3 connections' calls, a third overflows.
    Kubectl.Result three = load(k, 3, 30);
    assertThat(three.exit()).as(three.all()).isZero();
    assertThat(three.out()).contains("Code 200 : 20 (66.7 %)").contains("Code 503 : 10 (33.3 %)");
    assertThat(three.err().lines().filter(l -> l.contains("\"msg\":\"Non ok http code\"")))
        .hasSize(10);

    Kubectl.Result logs =
        k.run("-n", "cb", "logs", "deploy/fortio", "-c", "istio-proxy", "--tail=30");
    assertThat(logs.out().lines().filter(l -> l.contains("\"GET /get HTTP/1.1\" 503 UO ")))
        .hasSize(10)
        .allSatisfy(
            l ->
                assertThat(l)
                    .contains("fortio.org/fortio-" + Fortio.VERSION)
                    .contains(" outbound|8000||httpbin.cb.svc.cluster.local "));
    Kubectl.Result stats = fortiosProxy(k, "pilot-agent request GET stats/prometheus");
    assertThat(stats.out())
        .containsPattern(
            "(?m)^istio_requests_total\\{reporter=\"source\",source_workload=\"fortio\",.*"
                + "response_code=\"503\",grpc_response_status=\"\",response_flags=\"UO\",.*\\} 10$");
    // Envoy's own counters of the cluster, as the lesson greps them: 30 + 20 + 30 calls.
    Kubectl.Result text =
        fortiosProxy(k, "pilot-agent request GET stats | grep 'outbound|8000||httpbin'");
    assertThat(text.out())
        .isEqualTo(
            "cluster.outbound|8000||httpbin.cb.svc.cluster.local.upstream_rq_pending_overflow: 10\n"
                + "cluster.outbound|8000||httpbin.cb.svc.cluster.local.upstream_rq_total: 80\n");
  }

  @Test
  void fortioCurlShowsOneAnswerAndFortiosErrorsKeepItsWording() throws Exception {
    Kubectl k = Kubectl.forNewSession("circuit-breaking");
    Kubectl.Result curl = fortio(k, "curl", "http://httpbin:8000/get");
    assertThat(curl.exit()).as(curl.all()).isZero();
    assertThat(curl.out()).startsWith("HTTP/1.1 200 OK\r\n").contains("\"url\"");

    Kubectl.Result unknown = fortio(k, "load", "-bogus", "1", "http://httpbin:8000/get");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("flag provided but not defined: -bogus\n");

    Kubectl.Result grpc = fortio(k, "load", "-grpc", "http://httpbin:8000/get");
    assertThat(grpc.exit()).isEqualTo(1);
    assertThat(grpc.err()).contains("-grpc is not modelled");

    Kubectl.Result noUrl = fortio(k, "load", "-c", "2");
    assertThat(noUrl.exit()).isEqualTo(1);
    assertThat(noUrl.err()).contains("Error: fortio load needs a url or destination");

    // fortio lives in the fortio container only.
    Kubectl.Result elsewhere =
        k.run("-n", "cb", "exec", "deploy/httpbin", "--", "fortio", "curl", "http://httpbin:8000/");
    assertThat(elsewhere.exit()).as(elsewhere.all()).isNotZero();
    assertThat(elsewhere.all()).contains("executable file not found");
  }
}

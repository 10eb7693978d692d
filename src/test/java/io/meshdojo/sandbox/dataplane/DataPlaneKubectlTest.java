package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** kubectl exec and kubectl logs, from the real kubectl, answered by the simulated data plane. */
@QuarkusTest
class DataPlaneKubectlTest {

  static final String MESH_ACCESS_LOGS = "src/test/resources/telemetry/mesh-access-logs.yaml";

  private static final Pattern REVIEWS_POD = Pattern.compile("reviews-v\\d-[a-z0-9]+-[a-z0-9]+");

  private static Kubectl.Result exec(Kubectl k, String... command) throws Exception {
    String[] args = new String[6 + command.length];
    System.arraycopy(
        new String[] {"-n", "bookinfo", "exec", "deploy/ratings-v1", "-c", "ratings"},
        0,
        args,
        0,
        6);
    System.arraycopy(command, 0, args, 6, command.length);
    return k.run(concat(args));
  }

  private static String[] concat(String[] args) {
    String[] out = Arrays.copyOf(args, args.length + 1);
    System.arraycopy(args, 6, out, 7, args.length - 6);
    out[6] = "--";
    return out;
  }

  @Test
  void requestRoutingSendsJasonToV2AndEveryoneElseToV1() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    assertThat(k.run("apply", "-f", "labs/request-routing/solution").exit()).isZero();
    assertThat(k.run("apply", "-f", MESH_ACCESS_LOGS).exit()).isZero();
    String pods = k.run("-n", "bookinfo", "get", "pods", "-o", "name").out();
    for (int i = 0; i < 20; i++) {
      Kubectl.Result jason =
          exec(k, "curl", "-s", "-H", "end-user: jason", "http://reviews:9080/reviews/0");
      assertThat(jason.exit()).as(jason.all()).isZero();
      Matcher m = REVIEWS_POD.matcher(jason.out());
      assertThat(m.find()).as(jason.out()).isTrue();
      assertThat(m.group()).startsWith("reviews-v2-");
      assertThat(pods).as("the pod kubectl get pods shows").contains("pod/" + m.group());
      Kubectl.Result other = exec(k, "curl", "-s", "http://reviews:9080/reviews/0");
      Matcher o = REVIEWS_POD.matcher(other.out());
      assertThat(o.find()).as(other.all()).isTrue();
      assertThat(o.group()).startsWith("reviews-v1-");
    }
    Kubectl.Result logs = k.run("-n", "bookinfo", "logs", "deploy/reviews-v2", "-c", "istio-proxy");
    assertThat(logs.exit()).as(logs.all()).isZero();
    assertThat(
            logs.out()
                .lines()
                .filter(l -> l.contains("\"GET /reviews/0 HTTP/1.1\" 200 - via_upstream")))
        .hasSize(20)
        .allSatisfy(l -> assertThat(l).contains("inbound|9080||"));
    Kubectl.Result client =
        k.run("-n", "bookinfo", "logs", "deploy/ratings-v1", "-c", "istio-proxy", "--tail=1");
    assertThat(client.out().strip())
        .contains("outbound|9080|v1|reviews.bookinfo.svc.cluster.local")
        .doesNotContain("\n");
  }

  @Test
  void theTrafficShiftingLabsOwnLoopShowsTheExactSplit() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    assertThat(k.run("apply", "-f", "labs/traffic-shifting/solution").exit()).isZero();
    Kubectl.Result loop =
        exec(
            k,
            "sh",
            "-c",
            "for i in $(seq 1 100); do curl -s http://reviews:9080/reviews/0; echo; done");
    assertThat(loop.exit()).as(loop.all()).isZero();
    Map<String, Integer> versions = new TreeMap<>();
    Matcher m = Pattern.compile("reviews-v[0-9]").matcher(loop.out());
    while (m.find()) {
      versions.merge(m.group(), 1, Integer::sum);
    }
    assertThat(versions)
        .containsExactlyInAnyOrderEntriesOf(Map.of("reviews-v1", 80, "reviews-v3", 20));
    Kubectl.Result counted =
        exec(
            k,
            "sh",
            "-c",
            "for i in $(seq 1 100); do curl -s http://reviews:9080/reviews/0; echo; done"
                + " | grep -o 'reviews-v[0-9]' | sort | uniq -c");
    assertThat(counted.out()).isEqualTo("     80 reviews-v1\n     20 reviews-v3\n");
  }

  @Test
  void exitCodesAndErrorsAreTheToolsOwn() throws Exception {
    Kubectl k = Kubectl.forNewSession("fault-injection");
    Kubectl.Result missing = exec(k, "sh", "-c", "nosuch --flag");
    assertThat(missing.exit()).isEqualTo(127);
    assertThat(missing.err()).contains("sh: 1: nosuch: not found");
    Kubectl.Result notFound = exec(k, "curl", "-sSf", "http://reviews:9080/nope");
    assertThat(notFound.exit()).isEqualTo(22);
    assertThat(notFound.err()).contains("curl: (22) The requested URL returned error: 404");
    assertThat(k.run("apply", "-f", "labs/fault-injection/solution").exit()).isZero();
    Kubectl.Result slow =
        exec(
            k,
            "curl",
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code} %{time_total}s\\n",
            "-H",
            "end-user: jason",
            "http://ratings:9080/ratings/0");
    assertThat(slow.out()).matches("200 7\\.0\\d{5}s\n");
    Kubectl.Result cut =
        exec(
            k,
            "curl",
            "-sS",
            "--max-time",
            "2",
            "-H",
            "end-user: jason",
            "http://ratings:9080/ratings/0");
    assertThat(cut.exit()).isEqualTo(28);
    assertThat(cut.err()).contains("curl: (28) Operation timed out after 2001 milliseconds");
    Kubectl.Result wrongContainer =
        k.run("-n", "bookinfo", "exec", "deploy/ratings-v1", "-c", "nginx", "--", "true");
    assertThat(wrongContainer.exit()).isNotZero();
    assertThat(wrongContainer.err()).contains("container nginx is not valid for pod ratings-v1-");
    Kubectl.Result interactive =
        k.run("-n", "bookinfo", "exec", "-i", "deploy/ratings-v1", "-c", "ratings", "--", "sh");
    assertThat(interactive.exit()).isNotZero();
    assertThat(interactive.err()).contains("drop -i and -t");
  }
}

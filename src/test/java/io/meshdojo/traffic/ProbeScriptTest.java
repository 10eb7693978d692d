package io.meshdojo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.meshdojo.grader.api.BehaviourProbes.Probe;
import io.meshdojo.testing.Prerequisite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe command, built as the toolbox runs it and then run here for real: the part after {@code
 * kubectl exec ... --} is the same shell loop, pointed at a local server that answers like
 * Bookinfo's reviews (every fifth request from v3, with a 503 now and then).
 */
class ProbeScriptTest {

  private HttpServer server;
  private final AtomicInteger seen = new AtomicInteger();
  private volatile String lastUser;
  private volatile String lastMethod;

  @BeforeEach
  void startReviews() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/reviews/0",
        exchange -> {
          int n = seen.incrementAndGet();
          lastUser = exchange.getRequestHeaders().getFirst("end-user");
          lastMethod = exchange.getRequestMethod();
          String pod = n % 5 == 0 ? "reviews-v3-7d4b9c-x2x7k" : "reviews-v1-5c7f8d-abcde";
          byte[] body =
              n == 7
                  ? "no healthy upstream".getBytes(StandardCharsets.UTF_8)
                  : ("{\"id\": \"0\",\"podname\": \"" + pod + "\",\"clustername\": \"null\"}")
                      .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(n == 7 ? 503 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Probe probe(String from, Map<String, String> headers) {
    return new Probe(
        "a test probe",
        from,
        "127.0.0.1",
        server.getAddress().getPort(),
        "GET",
        "/reviews/0",
        headers,
        null,
        "http");
  }

  private static String runLocally(List<String> argv, Map<String, String> env) throws Exception {
    List<String> shell = argv.subList(argv.indexOf("--") + 1, argv.size());
    ProcessBuilder pb = new ProcessBuilder(shell).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void theCommandExecsIntoTheSourceWorkloadFromTheToolbox() {
    List<String> argv =
        ProbeScript.command(probe("bookinfo/productpage-v1", Map.of("end-user", "jason")), 50, 30);
    assertThat(argv.subList(0, 8))
        .containsExactly(
            "kubectl", "exec", "-n", "bookinfo", "deploy/productpage-v1", "--", "sh", "-c");
    assertThat(argv.get(8)).contains("n=50;").contains("-H 'end-user: jason'");
  }

  @Test
  void curlRequestsAreCountedByThePodThatAnswered() throws Exception {
    Prerequisite.CURL.require();
    List<String> argv =
        ProbeScript.command(probe("bookinfo/productpage-v1", Map.of("end-user", "jason")), 20, 60);
    ProbeOutput out = ProbeOutput.parse(runLocally(argv, Map.of()));
    assertThat(seen.get()).isEqualTo(20);
    assertThat(lastUser).isEqualTo("jason");
    assertThat(lastMethod).isEqualTo("GET");
    assertThat(out.noClient()).isFalse();
    assertThat(out.counts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new ProbeOutput.Answer(200, Optional.of("reviews-v1-5c7f8d-abcde")), 15,
                new ProbeOutput.Answer(200, Optional.of("reviews-v3-7d4b9c-x2x7k")), 4,
                new ProbeOutput.Answer(503, Optional.empty()), 1));
  }

  @Test
  void withoutCurlPythonSendsTheSameRequests(@TempDir Path bin) throws Exception {
    Process which =
        new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
    String python =
        new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    which.waitFor();
    for (String tool : List.of("sh", "date")) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("/bin", tool));
    }
    Files.createSymbolicLink(bin.resolve("python3"), Path.of(python));
    List<String> argv =
        ProbeScript.command(
            probe("bookinfo/productpage-v1", Map.of("end-user", "jasmine")), 10, 60);
    ProbeOutput out = ProbeOutput.parse(runLocally(argv, Map.of("PATH", bin.toString())));
    assertThat(seen.get()).isEqualTo(10);
    assertThat(lastUser).isEqualTo("jasmine");
    assertThat(out.counts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new ProbeOutput.Answer(200, Optional.of("reviews-v1-5c7f8d-abcde")), 7,
                new ProbeOutput.Answer(200, Optional.of("reviews-v3-7d4b9c-x2x7k")), 2,
                new ProbeOutput.Answer(503, Optional.empty()), 1));
  }

  @Test
  void withNeitherClientTheScriptSaysSo(@TempDir Path bin) throws Exception {
    for (String tool : List.of("sh", "date")) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("/bin", tool));
    }
    List<String> argv = ProbeScript.command(probe("default/sleep", Map.of()), 5, 60);
    ProbeOutput out = ProbeOutput.parse(runLocally(argv, Map.of("PATH", bin.toString())));
    assertThat(out.noClient()).isTrue();
    assertThat(seen.get()).isZero();
  }

  @Test
  void quotesSurviveTheShell() throws Exception {
    Prerequisite.CURL.require();
    List<String> argv =
        ProbeScript.command(probe("bookinfo/productpage-v1", Map.of("end-user", "o'brien")), 1, 60);
    runLocally(argv, Map.of());
    assertThat(lastUser).isEqualTo("o'brien");
  }

  @Test
  void gatewayAndDubboProbesAreNotSent() {
    Probe gateway =
        new Probe(
            "a gateway probe",
            "istio-system/istio-ingressgateway",
            "bookinfo.example.com",
            80,
            "GET",
            "/productpage",
            Map.of(),
            8080,
            "http");
    Probe dubbo =
        new Probe(
            "a dubbo probe",
            "meta-dubbo/consumer",
            "demo",
            20880,
            "GET",
            "/",
            Map.of(),
            null,
            "dubbo");
    assertThat(ProbeScript.notSendable(gateway)).contains("gateway");
    assertThat(ProbeScript.notSendable(dubbo)).contains("dubbo");
    assertThatThrownBy(() -> ProbeScript.command(dubbo, 5, 30))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

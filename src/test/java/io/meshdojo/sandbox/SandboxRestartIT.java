package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.testing.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sandbox survives a restart of the service: the packaged jar (on its embedded defaults: H2 and
 * the HTTPS key pair it makes itself, in a fresh folder) is started, used through kubectl, stopped
 * and started again.
 */
class SandboxRestartIT {

  static final String PASSWORD = "restart pass 42";

  PackagedService service;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void objectsAndTokensSurviveARestart() throws Exception {
    Prerequisite.KUBECTL.require();
    Path dir = Files.createTempDirectory("restart-it-");
    service = PackagedService.start(PackagedService.Database.h2(dir), dir);
    PackagedService.Learner learner =
        service.newLearnerInSession("restarter", PASSWORD, "request-routing");
    Files.writeString(dir.resolve("kubeconfig"), learner.kubeconfig());

    assertThat(kubectl(dir, "apply", "-f", "labs/request-routing/solution/reviews-routing.yaml"))
        .contains("created");
    String before = kubectl(dir, "get", "vs", "-n", "bookinfo", "-o", "name");
    assertThat(before).contains("virtualservice.networking.istio.io/");
    // pods a controller made in the write that created their Deployment
    kubectl(
        dir, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "-n", "default");
    String podsBefore = kubectl(dir, "get", "pods", "-n", "default", "-o", "name");
    assertThat(podsBefore.lines()).hasSize(2).allMatch(l -> l.startsWith("pod/web-"));

    service.stop();
    service.start();

    // the same kubeconfig still works, and the objects are all there
    assertThat(kubectl(dir, "get", "vs", "-n", "bookinfo", "-o", "name")).isEqualTo(before);
    assertThat(kubectl(dir, "get", "pods", "-n", "default", "-o", "name")).isEqualTo(podsBefore);
    assertThat(kubectl(dir, "get", "pods", "-n", "bookinfo"))
        .contains("reviews-v3-")
        .contains("Running");
    assertThat(kubectl(dir, "label", "vs", "--all", "-n", "bookinfo", "after=restart"))
        .contains("labeled");
    service
        .as("restarter", PASSWORD)
        .get("/api/sessions/" + learner.sessionId())
        .then()
        .statusCode(200);
  }

  private static String kubectl(Path dir, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Kubectl.BINARY.toString(),
                "--kubeconfig=" + dir.resolve("kubeconfig"),
                "--cache-dir=" + dir.resolve("cache")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}

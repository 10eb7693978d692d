package io.meshdojo.grade;

import static io.meshdojo.grade.Checks.failed;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Troubleshooting labs through the real kubectl into an embedded sandbox: the fix is the final
 * state of the setup's own objects, so the Check grades what the sandbox holds after the learner
 * repaired or deleted them.
 */
@QuarkusTest
class TroubleshootingCheckTest {

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  /** Applies the lab's reference solution, file by file, as a learner would. */
  private static void applySolution(Kubectl k, String lab) throws Exception {
    try (Stream<Path> files = Files.list(Path.of("labs", lab, "solution"))) {
      for (Path file : files.sorted().toList()) {
        Kubectl.Result applied = k.apply(Files.readString(file));
        assertThat(applied.exit()).as(file + ": " + applied.err()).isZero();
      }
    }
  }

  private static void run(Kubectl k, String... args) throws IOException, InterruptedException {
    Kubectl.Result r = k.run(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
  }

  @Test
  void broken503IsFixedByRepairingTheSetupAndNotByDeletingTheRouting() throws Exception {
    Kubectl k = Kubectl.forNewSession("troubleshoot-503");
    JsonPath broken = Checks.check(k.sessionId);
    assertThat(failed(broken))
        .as(broken.prettify())
        .containsExactly("page-works", "jason-reaches-v2", "others-reach-v1", "no-errors");

    applySolution(k, "troubleshoot-503");
    JsonPath fixed = Checks.check(k.sessionId);
    assertThat(fixed.getBoolean("passed")).as(fixed.prettify()).isTrue();
    assertThat(fixed.getInt("score")).isEqualTo(fixed.getInt("maxScore"));

    // Deleting the routing leaves the page working but spreads reviews over every version.
    run(k, "delete", "virtualservice", "reviews", "-n", "bookinfo");
    JsonPath noRouting = Checks.check(k.sessionId);
    assertThat(failed(noRouting))
        .as(noRouting.prettify())
        .containsExactly("jason-reaches-v2", "others-reach-v1");

    applySolution(k, "troubleshoot-503");
    run(k, "delete", "peerauthentication", "default", "-n", "bookinfo");
    JsonPath noMtls = Checks.check(k.sessionId);
    assertThat(failed(noMtls)).as(noMtls.prettify()).containsExactly("plaintext-still-refused");
  }

  @Test
  void theGatewayLabPassesOnlyWhileTheRepairedGatewayServesTheSite() throws Exception {
    Kubectl k = Kubectl.forNewSession("troubleshoot-gateway");
    JsonPath broken = Checks.check(k.sessionId);
    assertThat(failed(broken)).as(broken.prettify()).containsExactly("site-served", "no-errors");

    applySolution(k, "troubleshoot-gateway");
    JsonPath fixed = Checks.check(k.sessionId);
    assertThat(fixed.getBoolean("passed")).as(fixed.prettify()).isTrue();

    run(k, "delete", "gateway", "bookinfo-gateway", "-n", "istio-system");
    JsonPath gone = Checks.check(k.sessionId);
    assertThat(failed(gone)).as(gone.prettify()).contains("site-served");
  }
}

package io.meshdojo.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.LabFolders;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab end to end in an embedded sandbox, as a learner meets it: the Check of a fresh sandbox
 * fails, and after {@code kubectl apply -f labs/<id>/solution} the same Check gives full marks.
 */
@QuarkusTest
class EveryLabCheckTest {

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  static List<String> labs() {
    return LabFolders.ids();
  }

  @ParameterizedTest
  @MethodSource("labs")
  void aFreshSandboxFailsAndTheAppliedReferenceSolutionGetsFullMarks(String lab) throws Exception {
    Kubectl k = Kubectl.forNewSession(lab);
    JsonPath fresh = Checks.check(k.sessionId);
    assertThat(fresh.getString("lab")).isEqualTo(lab);
    assertThat(fresh.getBoolean("passed")).as(lab + " before any answer").isFalse();

    Kubectl.Result applied = k.run("apply", "-f", "labs/" + lab + "/solution");
    assertThat(applied.exit()).as(lab + ": " + applied.all()).isZero();
    // A solution that changes a pod template rolls out new pods, as on a cluster: wait for them.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonPath solved = Checks.check(k.sessionId);
              assertThat(solved.getBoolean("passed")).as(lab + ": " + solved.prettify()).isTrue();
              assertThat(solved.getInt("score")).isEqualTo(solved.getInt("maxScore"));
            });
  }
}

package io.meshdojo.grade;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The labs at the edge (gateways, TLS modes, JWT) end to end: a fresh embedded sandbox with the
 * lab's setup (TLS secrets, my-nginx, the exposed Bookinfo) fails the Check, and the reference
 * solution applied with the real kubectl passes it.
 */
@QuarkusTest
class EdgeLabsCheckApiTest {

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingress-gateway", "ingress-tls", "edge-tls-modes", "jwt-auth"})
  void theSetupAloneFailsAndTheReferenceSolutionPasses(String lab) throws Exception {
    Kubectl k = Kubectl.forNewSession(lab);
    String user = Kubectl.lastUser;
    JsonPath empty = Kubectl.check(user, k.sessionId, "en");
    assertThat(empty.getString("lab")).isEqualTo(lab);
    assertThat(empty.getBoolean("passed")).as(empty.prettify()).isFalse();

    Kubectl.Result applied = k.run("apply", "-f", "labs/" + lab + "/solution");
    assertThat(applied.exit()).as(applied.err()).isZero();
    JsonPath solved = Kubectl.check(user, k.sessionId, "en");
    assertThat(solved.getBoolean("passed")).as(solved.prettify()).isTrue();
    assertThat(solved.getInt("score")).isEqualTo(solved.getInt("maxScore"));
  }

  @Test
  void aTokenCheckedAtProductpageIsExplainedAsRefusedThere() throws Exception {
    Kubectl k = Kubectl.forNewSession("jwt-auth");
    String user = Kubectl.lastUser;
    String atProductpage =
        Files.readString(
            Path.of("grader/cases/jwt-auth/fail-checked-at-productpage/submission.yaml"));
    Kubectl.Result applied = k.apply(atProductpage);
    assertThat(applied.exit()).as(applied.err()).isZero();
    JsonPath wrong = Kubectl.check(user, k.sessionId, "en");
    assertThat(wrong.getBoolean("passed")).isFalse();
    List<String> messages = wrong.getList("objectives.findAll { !it.passed }.message");
    assertThat(messages)
        .anySatisfy(m -> assertThat(m).contains("401 (JWT rejected) at bookinfo/productpage-v1"));
  }
}

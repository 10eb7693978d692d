package io.meshdojo.grade;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Check of a lab, through the real kubectl into an embedded sandbox, graded by behaviour. */
@QuarkusTest
class CheckApiTest {

  @Inject SandboxReadings readings;
  @Inject MeshDojoConfig config;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, "sandbox pass 42");
  }

  private static JsonPath check(String user, String session, String lang) {
    return as(user)
        .post("/api/sessions/" + session + "/check?lang=" + lang)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The Check after the learner applied a reference solution's file: passed. */
  private static JsonPath solved(Kubectl k, String user, String solutionFile) throws Exception {
    Kubectl.Result applied = k.apply(Files.readString(Path.of(solutionFile)));
    assertThat(applied.exit()).as(applied.err()).isZero();
    JsonPath solved = check(user, k.sessionId, "en");
    assertThat(solved.getBoolean("passed")).as(solved.prettify()).isTrue();
    return solved;
  }

  @Test
  void anEmptySandboxFailsTheReferenceSolutionPassesAndAShortcutIsExplained() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;

    JsonPath empty = check(user, k.sessionId, "en");
    assertThat(empty.getString("lab")).isEqualTo("request-routing");
    assertThat(empty.getBoolean("passed")).isFalse();
    assertThat(empty.getInt("score")).isLessThan(empty.getInt("maxScore"));

    String solution =
        Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml"));
    Kubectl.Result applied = k.apply(solution);
    assertThat(applied.exit()).as(applied.err()).isZero();
    JsonPath solved = check(user, k.sessionId, "zh");
    assertThat(solved.getBoolean("passed")).as(solved.prettify()).isTrue();
    assertThat(solved.getInt("score")).isEqualTo(solved.getInt("maxScore"));

    // A prefix match also lets "jason-smith" through: the grader says where those requests go.
    Kubectl.Result shortcut = k.apply(solution.replace("exact: jason", "prefix: jason"));
    assertThat(shortcut.exit()).as(shortcut.err()).isZero();
    JsonPath wrong = check(user, k.sessionId, "en");
    assertThat(wrong.getBoolean("passed")).isFalse();
    List<String> messages = wrong.getList("objectives.findAll { !it.passed }.message");
    assertThat(messages).anySatisfy(m -> assertThat(m).contains("reach reviews v2"));
  }

  @Test
  void anUnchangedSandboxIsGradedFromItsKeptReadingAndAResetIsGradedAtOnce() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    JsonPath solved = solved(k, user, "labs/request-routing/solution/reviews-routing.yaml");
    assertThat(check(user, k.sessionId, "en").getMap("")).isEqualTo(solved.getMap(""));

    // A reset replaces every object: the kept reading of the solved sandbox is not used again.
    as(user)
        .post("/api/sessions/" + k.sessionId + "/reset")
        .then()
        .statusCode(200)
        .body("status", equalTo("READY"));
    JsonPath reset = check(user, k.sessionId, "en");
    assertThat(reset.getBoolean("passed")).as(reset.prettify()).isFalse();
    assertThat(readings.size()).isBetween(1, config.check().keptSandboxes());
  }

  @Test
  void whatTheLearnerDeletesFromTheSetupIsGradedGone() throws Exception {
    Kubectl k = Kubectl.forNewSession("mtls-strict");
    String user = Kubectl.lastUser;
    solved(k, user, "labs/mtls-strict/solution/peer-authentication.yaml");

    // The plaintext client comes with the lab's setup; without it, refusing plaintext is unproven.
    Kubectl.Result deleted = k.run("delete", "deployment", "sleep", "-n", "default");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    JsonPath after = check(user, k.sessionId, "en");
    assertThat(after.getBoolean("passed")).as(after.prettify()).isFalse();
    assertThat(after.getList("objectives.findAll { !it.passed }.id", String.class))
        .containsExactly("plaintext-refused");
  }

  @Test
  void onlyTheOwnerMayCheckAndTheLanguageIsValidated() throws Exception {
    Kubectl k = Kubectl.forNewSession("mtls-strict");
    String owner = Kubectl.lastUser;
    Kubectl.forNewSession("mtls-strict");
    String stranger = Kubectl.lastUser;

    as(stranger).post("/api/sessions/" + k.sessionId + "/check").then().statusCode(404);
    given().post("/api/sessions/" + k.sessionId + "/check").then().statusCode(401);
    as(owner)
        .post("/api/sessions/" + k.sessionId + "/check?lang=fr")
        .then()
        .statusCode(400)
        .body("error", containsString("Unknown lang"));
    as(owner).delete("/api/sessions/" + k.sessionId).then().statusCode(204);
    as(owner)
        .post("/api/sessions/" + k.sessionId + "/check")
        .then()
        .statusCode(409)
        .body("status", equalTo(409));
  }
}

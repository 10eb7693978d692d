package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.console.ConsoleReply;
import io.meshdojo.sandbox.console.RestrictedConsole;
import io.meshdojo.testing.Prerequisite;
import io.meshdojo.web.Language;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ecosystem environment runs Istio 1.18, which has no v1 networking, security or telemetry
 * APIs: its sandbox answers as such a cluster would, so kubectl, the editor and the grader agree on
 * what a learner may write there.
 */
@QuarkusTest
class OlderIstioApiVersionsTest {

  @Inject RestrictedConsole console;

  static final String DESTINATION_RULE =
      """
      apiVersion: networking.istio.io/VERSION
      kind: DestinationRule
      metadata:
        name: practice
        namespace: meta-dubbo
      spec:
        host: org.apache.dubbo.samples.basic.api.demoservice
      """;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  @Test
  void kubectlSeesOnlyTheVersionsIstio118Served() throws Exception {
    Kubectl k = Kubectl.forNewSession("aeraki-dubbo-routing");

    Kubectl.Result versions = k.run("api-versions");
    assertThat(versions.exit()).as(versions.err()).isZero();
    assertThat(versions.out().lines())
        .contains("networking.istio.io/v1beta1", "networking.istio.io/v1alpha3")
        .contains("security.istio.io/v1beta1")
        .doesNotContain("networking.istio.io/v1", "security.istio.io/v1", "telemetry.istio.io/v1");

    Kubectl.Result v1 = k.apply(DESTINATION_RULE.replace("VERSION", "v1"));
    assertThat(v1.exit()).isNotZero();
    assertThat(v1.err()).contains("no matches for kind \"DestinationRule\"");

    Kubectl.Result beta = k.apply(DESTINATION_RULE.replace("VERSION", "v1beta1"));
    assertThat(beta.exit()).as(beta.err()).isZero();
    Kubectl.Result got =
        k.run("get", "destinationrule", "practice", "-n", "meta-dubbo", "-o", "name");
    assertThat(got.exit()).as(got.err()).isZero();
  }

  @Test
  void theEditorRefusesAV1ObjectThereAndTakesTheBetaOne() throws Exception {
    Kubectl k = Kubectl.forNewSession("aeraki-dubbo-routing");
    JsonPath report =
        given()
            .auth()
            .preemptive()
            .basic(Kubectl.lastUser, Kubectl.PASSWORD)
            .contentType("text/plain")
            .body(
                DESTINATION_RULE.replace("VERSION", "v1")
                    + "---\n"
                    + DESTINATION_RULE.replace("VERSION", "v1beta1"))
            .post("/api/sessions/" + k.sessionId + "/apply")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(report.getString("documents[0].error"))
        .contains("no matches for kind \"DestinationRule\" in version \"networking.istio.io/v1\"");
    assertThat(report.getString("documents[1].action")).isEqualTo("created");
  }

  @Test
  void theTerminalShowsObjectsInTheVersionsIstio118Served() throws Exception {
    Kubectl k = Kubectl.forNewSession("aeraki-dubbo-routing");
    ConsoleReply yaml =
        console.run(
            Kubectl.lastUser,
            k.sessionId,
            "kubectl get destinationrules -n meta-dubbo -o yaml",
            null,
            Language.EN);
    assertThat(yaml.exitCode()).as(yaml.text()).isZero();
    assertThat(yaml.text())
        .contains("apiVersion: networking.istio.io/v1beta1")
        .doesNotContain("networking.istio.io/v1\n");
    ConsoleReply resources =
        console.run(Kubectl.lastUser, k.sessionId, "kubectl api-resources", null, Language.EN);
    assertThat(resources.text().lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("destinationrules")
                    .contains("networking.istio.io/v1beta1"));
  }
}

package io.meshdojo.sandbox.install;

import static io.meshdojo.grade.Checks.check;
import static io.meshdojo.grade.Checks.failed;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleReply;
import io.meshdojo.sandbox.console.RestrictedConsole;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded istioctl install through the lab terminal: lab install-customize solved as its
 * instructions say (the IstioOperator in the editor, {@code istioctl install -f - -y}), then a
 * canary revision and a revision tag that injection follows.
 */
@QuarkusTest
class InstallCustomizeLabTest {

  @Inject RestrictedConsole console;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private ConsoleReply run(Kubectl k, String line, String editor) {
    return new LabTerminal(console, k).run(line, editor);
  }

  private ConsoleReply ok(Kubectl k, String line, String editor) {
    return new LabTerminal(console, k).ok(line, editor);
  }

  @Test
  void theLabIsSolvedByInstallingTheOperatorFromTheEditor() throws Exception {
    Kubectl k = Kubectl.forNewSession("install-customize");
    String operator =
        Files.readString(Path.of("labs/install-customize/install/istio-operator.yaml"));
    JsonPath before = check(k.sessionId);
    assertThat(before.getBoolean("passed")).isFalse();
    assertThat(failed(before)).contains("external-blocked", "ingress-two-replicas");

    ConsoleReply unconfirmed = run(k, "istioctl install -f -", operator);
    assertThat(unconfirmed.exitCode()).isEqualTo(1);
    assertThat(unconfirmed.text()).contains("Proceed? (y/N)").contains("Cancelled.");
    assertThat(check(k.sessionId).getBoolean("passed")).isFalse();

    assertThat(ok(k, "istioctl install -f - -y", operator).text())
        .contains("Egress gateways installed")
        .contains("Installation complete");

    // What the instructions' "Check your work" shows, read back through the terminal's kubectl.
    assertThat(ok(k, "kubectl -n istio-system get deploy istio-ingressgateway", null).text())
        .contains("2/2");
    assertThat(
            ok(k, "kubectl -n istio-system get pods -l istio=egressgateway -o name", null).text())
        .startsWith("pod/istio-egressgateway-");
    assertThat(
            ok(k, "kubectl -n istio-system get configmap istio -o jsonpath={.data.mesh}", null)
                .text())
        .contains("mode: REGISTRY_ONLY")
        .contains("accessLogFile: /dev/stdout");
    assertThat(ok(k, "kubectl -n istio-system get istiooperators -o name", null).text())
        .contains("istiooperator.install.istio.io/installed-state");

    JsonPath after = check(k.sessionId);
    assertThat(after.getBoolean("passed")).as(after.prettify()).isTrue();
    assertThat(after.getInt("score")).isEqualTo(after.getInt("maxScore"));

    // Reinstalling the plain default profile takes it all back, the egress gateway included.
    ok(k, "istioctl install -y", null);
    assertThat(run(k, "kubectl -n istio-system get deploy istio-egressgateway", null).exitCode())
        .isEqualTo(1);
    assertThat(failed(check(k.sessionId)))
        .contains("external-blocked", "egress-gateway-installed", "ingress-two-replicas");

    // The third hint's flags instead of a file: full marks again.
    ok(
        k,
        "istioctl install -y --set meshConfig.accessLogFile=/dev/stdout"
            + " --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY"
            + " --set components.egressGateways[0].enabled=true"
            + " --set components.ingressGateways[0].k8s.replicaCount=2"
            + " --set values.pilot.traceSampling=10",
        null);
    JsonPath flags = check(k.sessionId);
    assertThat(flags.getBoolean("passed")).as(flags.prettify()).isTrue();
  }

  @Test
  void aCanaryRevisionServesTheNamespacesItsTagSelects() throws Exception {
    Kubectl k = Kubectl.forNewSession("install-customize");
    assertThat(run(k, "istioctl install --set profile=ambient2 -y", null).text())
        .contains("profile \"ambient2\" not found");
    assertThat(ok(k, "istioctl x precheck", null).text()).contains("No issues found");
    ok(k, "istioctl install --set profile=minimal --revision canary -y", null);
    assertThat(run(k, "istioctl tag set prod --revision nothere", null).text())
        .contains("cannot find MutatingWebhookConfiguration with revision \"nothere\"");
    assertThat(ok(k, "istioctl tag set prod --revision canary", null).text())
        .contains("Revision tag \"prod\" created");
    ok(k, "kubectl label namespace bookinfo istio-injection- istio.io/rev=prod", null);
    assertThat(ok(k, "istioctl tag list", null).text())
        .isEqualTo("TAG  REVISION NAMESPACES\nprod canary   bookinfo\n");
    assertThat(run(k, "istioctl tag remove prod", null).text()).contains("in use");

    ok(k, "kubectl -n bookinfo rollout restart deployment/details-v1", null);
    // The restarted pod's sidecar comes from the revision the tag points at.
    assertThat(ok(k, "kubectl -n bookinfo get pods -l app=details -o yaml", null).text())
        .contains("istio.io/rev: canary")
        .contains("image: docker.io/istio/proxyv2:1.26.3");

    ConsoleReply uninstall = ok(k, "istioctl uninstall --revision canary -y", null);
    assertThat(uninstall.text()).contains("proxies pointing to the control plane revision canary");
    assertThat(ok(k, "istioctl tag list", null).text()).isEqualTo("TAG REVISION NAMESPACES\n");
  }
}

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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded helm through the lab terminal: lab install-customize solved with Istio's charts, as
 * its instructions' Helm paragraph says, then upgrade, rollback and uninstall of a release.
 */
@QuarkusTest
class HelmInstallTest {

  @Inject RestrictedConsole console;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  @Test
  void theInstallLabIsSolvedWithIstiosCharts() throws Exception {
    LabTerminal t = new LabTerminal(console, Kubectl.forNewSession("install-customize"));
    Kubectl k = t.k();
    // Helm adopts nothing it did not install: the istioctl install's objects are in the way.
    ConsoleReply adopt = t.run("helm install istiod istio/istiod -n istio-system", null);
    assertThat(adopt.exitCode()).isEqualTo(1);
    assertThat(adopt.text())
        .startsWith("Error: INSTALLATION FAILED: rendered manifests contain a resource that")
        .contains("exists and cannot be imported into the current release")
        .contains("missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\"");

    t.ok("istioctl uninstall --revision default -y");
    assertThat(
            t.ok("helm repo add istio https://istio-release.storage.googleapis.com/charts").text())
        .isEqualTo("\"istio\" has been added to your repositories\n");
    t.ok("helm install istio-base istio/base -n istio-system");
    assertThat(
            t.ok(
                    "helm install istiod istio/istiod -n istio-system --version 1.26.3"
                        + " --set meshConfig.accessLogFile=/dev/stdout"
                        + " --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY"
                        + " --set pilot.traceSampling=10")
                .text())
        .contains("NAME: istiod\n")
        .contains("STATUS: deployed\nREVISION: 1\n");
    // The gateway chart's schema refuses a value it does not know, in Helm's words.
    ConsoleReply unknown =
        t.run(
            "helm install istio-ingressgateway istio/gateway -n istio-system --set replicas=2",
            null);
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.text())
        .contains("gateway:\n- (root): Additional property replicas is not allowed");
    // replicaCount alone is not enough: the chart's autoscaler is on by default.
    t.ok("helm install istio-ingressgateway istio/gateway -n istio-system --set replicaCount=2");
    assertThat(failed(check(k.sessionId)))
        .containsExactly("ingress-two-replicas", "egress-gateway-installed");
    t.ok(
        "helm upgrade istio-ingressgateway istio/gateway -n istio-system --reuse-values"
            + " --set autoscaling.enabled=false");
    t.ok(
        "helm install istio-egressgateway istio/gateway -n istio-system",
        "service:\n  type: ClusterIP\n");
    assertThat(t.ok("kubectl -n istio-system get configmap istio -o jsonpath={.data.mesh}").text())
        .contains("mode: REGISTRY_ONLY")
        .contains("accessLogFile: /dev/stdout");
    assertThat(t.ok("kubectl -n istio-system get deploy istio-ingressgateway").text())
        .contains("2/2");
    JsonPath solved = check(k.sessionId);
    assertThat(solved.getBoolean("passed")).as(solved.prettify()).isTrue();
    assertThat(solved.getInt("score")).isEqualTo(solved.getInt("maxScore"));

    String list = t.ok("helm list -A").text();
    assertThat(list.lines().map(l -> l.split("\\s+")[0]))
        .containsExactly(
            "NAME", "istio-base", "istio-egressgateway", "istio-ingressgateway", "istiod");
    assertThat(list).contains("istio-ingressgateway\tistio-system").contains("gateway-1.26.3");
    // The release is recorded as Helm records it.
    assertThat(
            t.ok(
                    "kubectl -n istio-system get secret sh.helm.release.v1.istio-ingressgateway.v2"
                        + " -o jsonpath={.type}")
                .text())
        .isEqualTo("helm.sh/release.v1");
    String data =
        t.ok(
                "kubectl -n istio-system get secret sh.helm.release.v1.istiod.v1"
                    + " -o jsonpath={.data.release}")
            .text()
            .strip();
    byte[] gz = Base64.getDecoder().decode(Base64.getDecoder().decode(data));
    String release =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(release).contains("\"status\":\"deployed\"").contains("\"traceSampling\":10");
    assertThat(t.ok("kubectl -n istio-system get deploy istiod -o yaml").text())
        .contains("app.kubernetes.io/managed-by: Helm")
        .contains("meta.helm.sh/release-name: istiod");

    // A rollback to the first revision brings its values back as revision 3.
    assertThat(t.ok("helm rollback istio-ingressgateway 1 -n istio-system").text())
        .isEqualTo("Rollback was a success! Happy Helming!\n");
    assertThat(t.ok("helm status istio-ingressgateway -n istio-system").text())
        .contains("STATUS: deployed\nREVISION: 3\n");
    assertThat(failed(check(k.sessionId))).containsExactly("ingress-two-replicas");

    assertThat(t.ok("helm uninstall istio-egressgateway -n istio-system").text())
        .isEqualTo("release \"istio-egressgateway\" uninstalled\n");
    assertThat(t.run("kubectl -n istio-system get deploy istio-egressgateway", null).exitCode())
        .isEqualTo(1);
    assertThat(t.run("helm status istio-egressgateway -n istio-system", null).text())
        .isEqualTo("Error: release: not found\n");
    assertThat(t.run("helm install istiod istio/istiod -n istio-system", null).text())
        .isEqualTo("Error: INSTALLATION FAILED: cannot re-use a name that is still in use\n");
    assertThat(t.run("helm upgrade nothere istio/gateway -n istio-system", null).text())
        .isEqualTo("Error: UPGRADE FAILED: \"nothere\" has no deployed releases\n");
    assertThat(t.run("helm install x istio/istiod -n istio-system --version 1.25.0", null).text())
        .contains("chart \"istiod\" matching 1.25.0 not found in istio index");
  }
}

package io.meshdojo.sandbox.install;

import static io.meshdojo.grade.Checks.check;
import static io.meshdojo.grade.Checks.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleReply;
import io.meshdojo.sandbox.console.RestrictedConsole;
import io.meshdojo.testing.Prerequisite;
import io.meshdojo.web.Language;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lab canary-upgrade solved through the lab terminal as its instructions and hints say, and the
 * same steps in the wrong order, which the control plane history gives away although the end state
 * is the same.
 */
@QuarkusTest
class CanaryUpgradeLabTest {

  @Inject RestrictedConsole console;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private ConsoleReply ok(Kubectl k, String line) {
    ConsoleReply reply = console.run(Kubectl.lastUser, k.sessionId, line, null, Language.EN);
    assertThat(reply.exitCode()).as(line + "\n" + reply.text()).isZero();
    return reply;
  }

  /** The second hint's restarts, one Deployment at a time. */
  private void restartBookinfo(Kubectl k) {
    for (String d :
        ok(k, "kubectl get deployments -n bookinfo -o name").text().strip().split("\n")) {
      ok(k, "kubectl rollout restart " + d.strip() + " -n bookinfo");
    }
  }

  private String bookinfoPods(Kubectl k) {
    return ok(k, "kubectl get pods -n bookinfo -o yaml").text();
  }

  private void awaitEveryBookinfoProxyAt(Kubectl k, String version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(bookinfoPods(k))
                    .contains("proxyv2:" + version)
                    .doesNotContain("proxyv2:1.25.")
                    .doesNotContain("Terminating"));
  }

  @Test
  void theCanaryUpgradeInTheInstructionsOrderGetsFullMarks() throws Exception {
    Kubectl k = Kubectl.forNewSession("canary-upgrade");
    assertThat(ok(k, "istioctl version").text())
        .contains("client version: 1.26.3")
        .contains("control plane version: 1.25.3\n");
    assertThat(bookinfoPods(k)).contains("proxyv2:1.25.3").contains("istio.io/rev: 1-25");
    JsonPath before = check(k.sessionId);
    assertThat(before.getBoolean("passed")).isFalse();
    assertThat(failed(before)).contains("canary-installed", "proxies-on-1-26");

    assertThat(ok(k, "istioctl x precheck").text()).contains("No issues found");
    assertThat(ok(k, "istioctl install --revision 1-26 -y").text())
        .contains("Installation complete");
    // Installing the canary touches no running proxy.
    assertThat(bookinfoPods(k)).contains("proxyv2:1.25.3").doesNotContain("proxyv2:1.26.");

    ok(k, "kubectl label namespace bookinfo istio.io/rev=1-26 istio-injection-");
    restartBookinfo(k);
    awaitEveryBookinfoProxyAt(k, "1.26.3");
    assertThat(ok(k, "istioctl proxy-status").text()).contains("istiod-1-26");

    assertThat(ok(k, "istioctl tag set default --revision 1-26 --overwrite").text())
        .contains("Revision tag \"default\" created, referencing control plane revision \"1-26\"");
    ConsoleReply uninstall = ok(k, "istioctl uninstall --revision 1-25 -y");
    assertThat(uninstall.text())
        .contains("Uninstall complete")
        .doesNotContain("proxies pointing to the control plane revision");
    assertThat(ok(k, "kubectl get deployments -n istio-system").text())
        .contains("istiod-1-26")
        .doesNotContain("istiod-1-25");

    JsonPath after = check(k.sessionId);
    assertThat(after.getBoolean("passed")).as(after.prettify()).isTrue();
    assertThat(after.getInt("score")).isEqualTo(after.getInt("maxScore"));
  }

  @Test
  void removing125BeforeTheRestartIsRememberedAfterTheRestart() throws Exception {
    Kubectl k = Kubectl.forNewSession("canary-upgrade");
    ok(k, "istioctl install --revision 1-26 -y");
    ok(k, "kubectl label namespace bookinfo istio.io/rev=1-26 istio-injection-");
    ok(k, "istioctl tag set default --revision 1-26 --overwrite");
    // Too early: every Bookinfo proxy still belongs to 1-25, and istioctl says so.
    assertThat(ok(k, "istioctl uninstall --revision 1-25 -y").text())
        .contains("proxies pointing to the control plane revision 1-25");
    JsonPath orphaned = check(k.sessionId);
    assertThat(failed(orphaned)).contains("never-without-control-plane", "proxies-on-1-26");

    // The restart repairs the end state, but not what happened on the way.
    restartBookinfo(k);
    awaitEveryBookinfoProxyAt(k, "1.26.3");
    JsonPath after = check(k.sessionId);
    assertThat(failed(after)).containsExactly("never-without-control-plane");
  }
}

package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.console.ConsoleClient.Ran;
import io.meshdojo.sandbox.console.ConsoleClient.Terminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * What the labs' hints type in the terminal beyond plain pod names: {@code istioctl proxy-config …
 * deploy/NAME}, {@code analyze -A}, and the refusals that point elsewhere ({@code exec -it}, {@code
 * pilot-agent request}).
 */
@QuarkusTest
class TerminalIstioctlTargetsTest {

  @TestHTTPResource("/")
  URL root;

  private Terminal terminal() throws Exception {
    return ConsoleClient.newSession(root, "request-routing").terminal();
  }

  @Test
  void proxyConfigTakesADeploymentAndUsesItsFirstPod() throws Exception {
    Terminal t = terminal();
    String pod =
        t.run(
                "kubectl get pods -n bookinfo -l app=productpage -o jsonpath={.items[0].metadata.name}",
                null)
            .text();
    assertThat(pod).startsWith("productpage-v1-");

    Ran byDeployment =
        t.run("istioctl proxy-config routes deploy/productpage-v1 -n bookinfo", null);
    assertThat(byDeployment.code()).isZero();
    assertThat(byDeployment.text())
        .isEqualTo(t.run("istioctl proxy-config routes " + pod + ".bookinfo", null).text());
    assertThat(byDeployment.text().lines().findFirst().orElseThrow())
        .matches("NAME +VHOST NAME +DOMAINS +MATCH +VIRTUAL SERVICE");

    Ran longForm = t.run("istioctl pc clusters deployment/reviews-v2.bookinfo", null);
    assertThat(longForm.code()).isZero();
    assertThat(longForm.text()).contains("reviews.bookinfo.svc.cluster.local");
    assertThat(t.run("istioctl pc clusters pod/" + pod + " -n bookinfo", null).code()).isZero();

    assertThat(t.run("istioctl pc routes deploy/nosuch -n bookinfo", null))
        .isEqualTo(new Ran("Error: no pods found for deployment nosuch in bookinfo\n", 1));
    Ran service = t.run("istioctl pc routes svc/reviews -n bookinfo", null);
    assertThat(service.code()).isEqualTo(1);
    assertThat(service.text()).startsWith("Error: unsupported resource type \"svc\"");
  }

  @Test
  void analyzeAllNamespacesAndRefusalsThatPointToWhatWorks() throws Exception {
    Terminal t = terminal();
    assertThat(t.run("istioctl analyze -A", null))
        .isEqualTo(
            new Ran("\u2714 No validation issues found when analyzing all namespaces.\n", 0));

    Ran interactive = t.run("kubectl exec -it deploy/ratings-v1 -n bookinfo -- sh", null);
    assertThat(interactive.code()).isEqualTo(1);
    assertThat(interactive.text())
        .startsWith("kubectl exec -i/-t needs an interactive terminal")
        .contains("give the command after -- instead");

    Ran pilotAgent =
        t.run(
            "kubectl exec deploy/reviews-v1 -n bookinfo -c istio-proxy -- pilot-agent request GET"
                + " config_dump",
            null);
    assertThat(pilotAgent.code()).isEqualTo(1);
    assertThat(pilotAgent.text())
        .contains("the rest of Envoy's admin API is not simulated")
        .contains("istioctl proxy-config");
  }
}

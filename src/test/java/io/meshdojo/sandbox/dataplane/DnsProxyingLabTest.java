package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The dns-proxying lab's "Check your work", with the real kubectl in an embedded sandbox: the
 * legacy name does not resolve until ServiceEntries and DNS capture are applied, then the model
 * answers.
 */
@QuarkusTest
class DnsProxyingLabTest {

  /** The instructions' command, word for word. */
  private static Kubectl.Result curlApi(Kubectl k) throws Exception {
    return k.exec(
        "billing",
        "deploy/billing",
        "curl",
        "-sS",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}\\n",
        "http://api.legacy.internal/v1/invoices");
  }

  @Test
  void theLegacyApiResolvesAndAnswersOnlyOnceTheSidecarAnswersDns() throws Exception {
    Kubectl k = Kubectl.forNewSession("dns-proxying");
    Kubectl.Result before = curlApi(k);
    assertThat(before.exit()).as(before.all()).isEqualTo(6);
    assertThat(before.err()).contains("curl: (6) Could not resolve host: api.legacy.internal");

    // ServiceEntries alone are not enough: nothing answers the name yet.
    Kubectl.Result entries = k.run("apply", "-f", "labs/dns-proxying/solution/legacy-hosts.yaml");
    assertThat(entries.exit()).as(entries.all()).isZero();
    assertThat(curlApi(k).exit()).isEqualTo(6);

    Kubectl.Result capture = k.run("apply", "-f", "labs/dns-proxying/solution/dns-capture.yaml");
    assertThat(capture.exit()).as(capture.all()).isZero();
    Kubectl.Result after = curlApi(k);
    assertThat(after.exit()).as(after.all()).isZero();
    assertThat(after.out()).isEqualTo("200\n");
    assertThat(k.run("-n", "billing", "get", "serviceentries").out())
        .contains("legacy-db")
        .contains("legacy-api");
  }
}

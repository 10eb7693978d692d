package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EmbeddedKubectlTest {

  @BeforeAll
  static void needsKubectl() {
    assumeTrue(
        Kubectl.available(),
        "kubectl not found at " + Kubectl.BINARY + ": skipping the kubectl tests");
  }

  @Test
  void baselineLooksLikeACluster() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    Kubectl.Result pods = k.run("get", "pods", "-n", "bookinfo");
    System.out.println(pods.all());
    assertThat(pods.exit()).as(pods.all()).isZero();
    assertThat(pods.out()).contains("reviews-v2-").contains("2/2").contains("Running");
  }
}

package io.meshdojo.sandbox.embedded.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The injected proxy's image. Which webhook injects is {@code SidecarInjection}'s, tested in the
 * grader.
 */
class SidecarInjectorTest {

  @Test
  void theProxyImageComesFromTheRevisionsIstiod() {
    assertThat(SidecarInjector.proxyImage("docker.io/istio/pilot:1.26.3", "1.0.0"))
        .isEqualTo("docker.io/istio/proxyv2:1.26.3");
    assertThat(SidecarInjector.proxyImage("pilot", "1.18.1"))
        .isEqualTo("docker.io/istio/proxyv2:1.18.1");
  }
}

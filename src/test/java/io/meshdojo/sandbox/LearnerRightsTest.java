package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LearnerRightsTest {

  @Test
  void theNamespacesOfASetupInOrderOnceEachWithTheNamespacesItCreates() {
    var setup =
        Manifests.parse(
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cart, namespace: shop}
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: istio-system}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cart, namespace: shop}
            """,
            "setup.yaml");
    LearnerRights rights = LearnerRights.of(setup, false);
    assertThat(rights.namespaces()).containsExactly("shop", "istio-system");
    assertThat(rights.clusterAdmin()).isFalse();
    assertThat(LearnerRights.of(setup, true).clusterAdmin()).isTrue();
  }

  @Test
  void aSetupWithoutNamespacedObjectsNeedsNothingMore() {
    assertThat(LearnerRights.of(java.util.List.of(), false))
        .isEqualTo(LearnerRights.ENVIRONMENT_ONLY);
  }
}

package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.embedded.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypeNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "virtualservices",
        "virtualservice",
        "vs",
        "VirtualService",
        "VS",
        "virtualservices.networking.istio.io",
        "virtualservice.networking.istio.io"
      })
  void everyNameKubectlTakesFindsTheKind(String name) {
    assertThat(TypeNames.resolve(name))
        .extracting(ResourceType::kind)
        .containsExactly("VirtualService");
  }

  @Test
  void categoriesNameSeveralKindsAndUnknownNamesNone() {
    assertThat(TypeNames.resolve("all"))
        .extracting(ResourceType::kind)
        .containsExactly("Service", "Pod", "Deployment", "ReplicaSet");
    assertThat(TypeNames.resolve("istio-io")).hasSizeGreaterThan(5);
    assertThat(TypeNames.resolve("frobs")).isEmpty();
    assertThat(TypeNames.resolve("vs.apps")).isEmpty();
  }

  @Test
  void namesObjectsAsKubectlDoes() {
    assertThat(TypeNames.objectName(TypeNames.resolve("po").get(0), "a")).isEqualTo("pod/a");
    assertThat(TypeNames.objectName(TypeNames.resolve("deploy").get(0), "a"))
        .isEqualTo("deployment.apps/a");
    assertThat(TypeNames.kindName(TypeNames.resolve("dr").get(0)))
        .isEqualTo("destinationrule.networking.istio.io");
  }
}

package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which webhook of an Istio 1.26 install injects a new Pod, and with which revision. */
class SidecarInjectionTest {

  private static final Set<String> DEFAULT_AND_CANARY = Set.of("default", "canary");

  private static SidecarInjection.Decision decide(
      Map<String, String> ns, Map<String, String> labels, Map<String, String> annotations) {
    return SidecarInjection.decide("apps", ns, labels, annotations, false, DEFAULT_AND_CANARY);
  }

  @Test
  void theNamespaceLabelInjectsTheDefaultRevision() {
    assertThat(decide(Map.of("istio-injection", "enabled"), Map.of(), Map.of()).revision())
        .isEqualTo("default");
    assertThat(decide(Map.of("istio-injection", "disabled"), Map.of(), Map.of()).revision())
        .isNull();
    // istio-injection wins over istio.io/rev
    assertThat(
            decide(
                    Map.of("istio-injection", "enabled", "istio.io/rev", "canary"),
                    Map.of(),
                    Map.of())
                .revision())
        .isEqualTo("default");
    assertThat(decide(Map.of(), Map.of(), Map.of()).revision()).isNull();
  }

  @Test
  void aRevisionLabelNeedsThatRevision() {
    assertThat(decide(Map.of("istio.io/rev", "canary"), Map.of(), Map.of()).revision())
        .isEqualTo("canary");
    SidecarInjection.Decision missing =
        decide(Map.of("istio.io/rev", "stable"), Map.of(), Map.of());
    assertThat(missing.revision()).isNull();
    assertThat(missing.why()).contains("revision \"stable\"").contains("canary, default");
    // on the pod, where the namespace has neither label
    assertThat(decide(Map.of(), Map.of("istio.io/rev", "canary"), Map.of()).revision())
        .isEqualTo("canary");
  }

  @Test
  void thePodOptsOutOrInByItsLabel() {
    Map<String, String> enabled = Map.of("istio-injection", "enabled");
    assertThat(decide(enabled, Map.of("sidecar.istio.io/inject", "false"), Map.of()).revision())
        .isNull();
    assertThat(decide(enabled, Map.of(), Map.of("sidecar.istio.io/inject", "false")).revision())
        .isNull();
    // the label is read before the annotation
    assertThat(
            decide(
                    enabled,
                    Map.of("sidecar.istio.io/inject", "true"),
                    Map.of("sidecar.istio.io/inject", "false"))
                .revision())
        .isEqualTo("default");
    // an unlabelled namespace: the label opts in, the annotation alone does not
    assertThat(decide(Map.of(), Map.of("sidecar.istio.io/inject", "true"), Map.of()).revision())
        .isEqualTo("default");
    assertThat(decide(Map.of(), Map.of(), Map.of("sidecar.istio.io/inject", "true")).revision())
        .isNull();
  }

  @Test
  void systemNamespacesAndHostNetworkAreNeverInjected() {
    Map<String, String> enabled = Map.of("istio-injection", "enabled");
    assertThat(
            SidecarInjection.decide(
                    "kube-system", enabled, Map.of(), Map.of(), false, DEFAULT_AND_CANARY)
                .revision())
        .isNull();
    assertThat(
            SidecarInjection.decide("apps", enabled, Map.of(), Map.of(), true, DEFAULT_AND_CANARY)
                .revision())
        .isNull();
  }
}

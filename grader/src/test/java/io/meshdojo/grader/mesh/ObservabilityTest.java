package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservabilityTest {

  @Test
  void workloadOverNamespaceOverRootWithTheDefaultBelow() {
    Mesh none = mesh("bookinfo", "");
    Observability o0 = new Observability(none);
    assertThat(o0.samplingPercent(none.workload("bookinfo/reviews-v1").orElseThrow()))
        .isEqualTo(Observability.DEFAULT_SAMPLING_PERCENT);
    Mesh mesh =
        mesh(
            "bookinfo",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: sleep, namespace: default}
            spec:
              selector: {matchLabels: {app: sleep}}
              template:
                metadata: {labels: {app: sleep}}
                spec: {containers: [{name: sleep, image: curlimages/curl}]}
            ---
            apiVersion: telemetry.istio.io/v1alpha1
            kind: Telemetry
            metadata: {name: mesh-default, namespace: istio-system}
            spec:
              tracing: [{randomSamplingPercentage: 5}]
            ---
            apiVersion: telemetry.istio.io/v1alpha1
            kind: Telemetry
            metadata: {name: bookinfo, namespace: bookinfo}
            spec:
              tracing: [{randomSamplingPercentage: 20}]
            ---
            apiVersion: telemetry.istio.io/v1alpha1
            kind: Telemetry
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              selector: {matchLabels: {app: reviews}}
              tracing: [{randomSamplingPercentage: 100}]
            ---
            apiVersion: telemetry.istio.io/v1alpha1
            kind: Telemetry
            metadata: {name: ignored, namespace: istio-system}
            spec:
              selector: {matchLabels: {app: ratings}}
              tracing: [{randomSamplingPercentage: 50}]
            """);
    Observability o = new Observability(mesh);
    assertThat(o.samplingPercent(mesh.workload("bookinfo/reviews-v2").orElseThrow()))
        .isEqualTo(100);
    assertThat(o.samplingPercent(mesh.workload("bookinfo/ratings-v1").orElseThrow())).isEqualTo(20);
    assertThat(o.samplingPercent(mesh.workload("default/sleep").orElseThrow())).isEqualTo(5);
  }
}

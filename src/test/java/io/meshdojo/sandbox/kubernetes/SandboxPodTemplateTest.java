package io.meshdojo.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.meshdojo.grader.api.Environments;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxPodTemplateTest {

  static final SandboxPodTemplate.Settings SETTINGS =
      new SandboxPodTemplate.Settings(
          "docker.io/rancher/k3s",
          "-k3s1",
          "1",
          "2Gi",
          Optional.of("sysbox-runc"),
          Map.of("meshdojo.io/sandboxes", "true"),
          "meshdojo-sandbox");

  static final Environments ENVIRONMENTS = Environments.fromClasspath();

  static Container container(Pod pod, String name) {
    return pod.getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theK3sVersionIsTheEnvironmentsKubernetesVersion() {
    for (var environment : ENVIRONMENTS.all()) {
      Pod pod = SandboxPodTemplate.build(environment, SETTINGS);
      String version = environment.kubernetesVersion().replaceFirst("^v", "");
      assertThat(container(pod, "k3s").getImage())
          .isEqualTo("docker.io/rancher/k3s:v" + version + "-k3s1");
      assertThat(pod.getMetadata().getLabels())
          .containsEntry(SandboxPodTemplate.ENVIRONMENT_LABEL, environment.name())
          .containsEntry(SandboxPodTemplate.APP_LABEL, SandboxPodTemplate.APP);
    }
  }

  @Test
  void onlyTheK3sContainerIsPrivilegedAndItsResourcesAreTheOperators() {
    Pod pod = SandboxPodTemplate.build(ENVIRONMENTS.get("bookinfo"), SETTINGS);
    Container k3s = container(pod, "k3s");
    assertThat(k3s.getSecurityContext().getPrivileged()).isTrue();
    assertThat(container(pod, "publisher").getSecurityContext().getPrivileged()).isFalse();
    assertThat(k3s.getResources().getRequests())
        .containsEntry("cpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("2Gi"));
    assertThat(k3s.getResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
    assertThat(k3s.getReadinessProbe().getTcpSocket().getPort().getIntVal())
        .isEqualTo(SandboxPodTemplate.API_PORT);
  }

  @Test
  void isolationIsTheOperatorsChoiceOfRuntimeClassAndNodePool() {
    Pod isolated = SandboxPodTemplate.build(ENVIRONMENTS.get("bookinfo"), SETTINGS);
    assertThat(isolated.getSpec().getRuntimeClassName()).isEqualTo("sysbox-runc");
    assertThat(isolated.getSpec().getNodeSelector()).containsEntry("meshdojo.io/sandboxes", "true");
    assertThat(isolated.getSpec().getServiceAccountName()).isEqualTo("meshdojo-sandbox");

    Pod plain =
        SandboxPodTemplate.build(
            ENVIRONMENTS.get("bookinfo"),
            new SandboxPodTemplate.Settings(
                "docker.io/rancher/k3s", "-k3s1", "1", "2Gi", Optional.empty(), Map.of(), "sa"));
    assertThat(plain.getSpec().getRuntimeClassName()).isNull();
    assertThat(plain.getSpec().getNodeSelector()).isNullOrEmpty();
  }

  @Test
  void thePublisherWritesTheSecretTheBackendReads() {
    Pod pod = SandboxPodTemplate.build(ENVIRONMENTS.get("bookinfo"), SETTINGS);
    String script = String.join(" ", container(pod, "publisher").getCommand());
    assertThat(script)
        .contains("create secret generic \"${POD_NAME}-kubeconfig\"")
        .contains("--from-file=" + SandboxPodTemplate.KUBECONFIG_KEY + "=");
    assertThat(SandboxPodTemplate.secretName("meshdojo-sandbox-abc"))
        .isEqualTo("meshdojo-sandbox-abc-kubeconfig");
  }
}

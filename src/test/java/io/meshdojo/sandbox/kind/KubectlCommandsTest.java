package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KubectlCommandsTest {

  static final String KC = "--kubeconfig=/etc/kubernetes/admin.conf";

  @Test
  void applyUsesTheNodesAdminKubeconfigAndTheStepsNamespace() {
    assertThat(
            KubectlCommands.apply(new Apply("aeraki/demo/dubbo.yaml", "meta-dubbo"), "/m/d.yaml"))
        .containsExactly("kubectl", KC, "apply", "--namespace=meta-dubbo", "--filename=/m/d.yaml");
    assertThat(KubectlCommands.apply(new Apply("toolbox/rbac.yaml", null), "/m/r.yaml"))
        .containsExactly("kubectl", KC, "apply", "--filename=/m/r.yaml");
  }

  @Test
  void waitTargetsByNameBySelectorOrAll() {
    Duration slice = Duration.ofSeconds(30);
    assertThat(
            KubectlCommands.waitFor(
                new WaitFor(
                    "istio-system",
                    "deployment",
                    "istiod",
                    null,
                    "Available",
                    Duration.ofMinutes(5)),
                slice))
        .containsExactly(
            "kubectl",
            KC,
            "wait",
            "--for=condition=Available",
            "--timeout=30s",
            "--namespace=istio-system",
            "deployment/istiod");
    assertThat(
            KubectlCommands.waitFor(
                new WaitFor(
                    "bookinfo", "pod", null, "app=productpage", "Ready", Duration.ofMinutes(5)),
                Duration.ofMillis(400)))
        .containsExactly(
            "kubectl",
            KC,
            "wait",
            "--for=condition=Ready",
            "--timeout=1s",
            "--namespace=bookinfo",
            "pod",
            "--selector=app=productpage");
    assertThat(
            KubectlCommands.waitFor(
                new WaitFor(
                    null,
                    "customresourcedefinition",
                    null,
                    null,
                    "Established",
                    Duration.ofMinutes(1)),
                slice))
        .containsExactly(
            "kubectl",
            KC,
            "wait",
            "--for=condition=Established",
            "--timeout=30s",
            "customresourcedefinition",
            "--all");
  }
}

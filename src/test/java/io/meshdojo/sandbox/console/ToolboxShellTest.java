package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The kind terminal's exec, against fabric8's mock API server (no cluster here): it asks for the
 * toolbox's shell with a TTY, and a cluster that refuses is reported, not left hanging.
 */
@EnableKubernetesMockClient(crud = true)
class ToolboxShellTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static String kubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kind
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: learner
          user: {token: not-checked}
        contexts:
        - name: kind
          context: {cluster: kind, user: learner}
        current-context: kind
        """
        .formatted(client.getConfiguration().getMasterUrl());
  }

  @Test
  void asksForAShellWithATerminalInTheToolboxAndReportsARefusal() throws Exception {
    client
        .pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("toolbox")
                .withNamespace("dojo-toolbox")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("shell")
                .withImage("alpine/k8s:1.32.3")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build())
        .create();
    AtomicInteger printed = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ToolboxShell.open(
                    kubeconfig(), 100, 30, bytes -> printed.addAndGet(bytes.length), () -> {}))
        .isInstanceOf(RuntimeException.class);

    String path = "";
    while (!path.contains("/exec")) {
      RecordedRequest request = server.takeRequest(30, TimeUnit.SECONDS);
      assertThat(request).as("the exec request").isNotNull();
      path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
    }
    assertThat(path)
        .startsWith("/api/v1/namespaces/dojo-toolbox/pods/toolbox/exec?")
        .contains("container=shell")
        .contains("stdin=true")
        .contains("stdout=true")
        .contains("tty=true")
        .contains("command=/bin/sh")
        .contains("exec bash -l");
    assertThat(printed).hasValue(0);
  }
}

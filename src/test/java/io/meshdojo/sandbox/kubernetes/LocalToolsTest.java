package io.meshdojo.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.sandbox.kind.CommandStepExecutor.Result;
import io.meshdojo.sandbox.kind.CommandStepExecutor.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service's own kubectl (the real one), run against a sandbox pod's kubeconfig. */
class LocalToolsTest {

  @Test
  void kubectlReadsTheClustersKubeconfigAndTheFilesPutInTheWorkFolder() throws Exception {
    Path folder;
    try (LocalTools tools = LocalTools.against(KubernetesBackendTest.KUBECONFIG)) {
      String kubeconfig = tools.kubeconfig(Tool.KUBECTL).orElseThrow();
      assertThat(tools.kubeconfig(Tool.HELM)).contains(kubeconfig);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(kubeconfig))))
          .isEqualTo("rw-------");
      folder = Path.of(kubeconfig).getParent();

      Result server =
          tools.run(
              Tool.KUBECTL,
              List.of(
                  "kubectl",
                  "--kubeconfig=" + kubeconfig,
                  "config",
                  "view",
                  "--output=jsonpath={.clusters[0].cluster.server}"));
      assertThat(server.exitCode()).isZero();
      assertThat(server.stdout()).isEqualTo("https://10.42.0.7:6443");

      String file =
          tools.put(
              Tool.KUBECTL,
              "namespaces/bookinfo.json",
              "{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(Path.of(file)).startsWith(folder).hasContent("{\"kind\":\"Namespace\"}");
      Result missing =
          tools.run(Tool.KUBECTL, List.of("kubectl", "--kubeconfig=" + file, "config", "view"));
      assertThat(missing.exitCode()).isNotZero();
      assertThat(missing.stderr()).isNotBlank();

      assertThatThrownBy(() -> tools.put(Tool.KUBECTL, "../elsewhere.yaml", new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> tools.put(Tool.HELM, "kubeconfig", new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(folder).doesNotExist();
  }
}

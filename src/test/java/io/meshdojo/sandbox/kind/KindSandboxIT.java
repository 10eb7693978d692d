package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.dajudge.kindcontainer.KindContainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The real thing, where Docker exists: a kind cluster of the bookinfo environment, provisioned by
 * the kind runtime, checked from inside, then removed. Skipped on machines without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class KindSandboxIT {

  static final Path INFRA = Path.of("infra").toAbsolutePath();

  @Test
  void provisionsBookinfoWithIstiodAndTheBookinfoPodsReadyThenRemovesIt() throws Exception {
    Map<String, KindInstall> installs = KindInstalls.load(INFRA);
    KindInstall bookinfo = installs.get("bookinfo");
    assertThat(INFRA.resolve(bookinfo.baseline().path()))
        .as("the bookinfo workloads (infra/environments/bookinfo/baseline/20-bookinfo.yaml)")
        .isRegularFile();
    List<InstallPlanRunner.Progress> progress = new ArrayList<>();
    KindClusterRuntime runtime =
        new KindClusterRuntime(
            new KindClusterFactory(
                InfraFiles.directory(INFRA),
                KindInstalls.runtimeImages(InfraFiles.directory(INFRA)).helm().image()),
            installs);
    String id = "kind-it" + Long.toHexString(System.nanoTime()).substring(0, 6);
    try {
      ClusterRuntime.ClusterHandle handle = runtime.create(id, "bookinfo");
      assertThat(handle.kubeconfig()).contains("server: https://");
      assertThat(runtime.list()).contains(id);
      KindContainer<?> kind = runtime.container(id).orElseThrow();

      assertThat(
              kubectl(
                  kind,
                  "wait",
                  "--for=condition=Available",
                  "--timeout=60s",
                  "--namespace=istio-system",
                  "deployment/istiod"))
          .contains("condition met");
      assertThat(
              kubectl(
                  kind,
                  "wait",
                  "--for=condition=Ready",
                  "--timeout=120s",
                  "--namespace=bookinfo",
                  "pod",
                  "--all"))
          .contains("condition met");
      String pods =
          kubectl(
              kind,
              "get",
              "pods",
              "--namespace=bookinfo",
              "-o",
              "jsonpath={range .items[*]}{.metadata.labels.app} {end}");
      assertThat(pods).contains("productpage", "details", "reviews", "ratings");
      // Every bookinfo pod got its sidecar.
      String containers =
          kubectl(
              kind,
              "get",
              "pods",
              "--namespace=bookinfo",
              "-o",
              "jsonpath={range .items[*]}{.spec.containers[*].name}{\"\\n\"}{end}");
      assertThat(containers.lines().toList())
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains("istio-proxy"));

      // The toolbox is up, its istioctl matches the cluster, and its rights stop at RBAC.
      String as = "--as=system:serviceaccount:dojo-toolbox:toolbox";
      assertThat(
              kubectl(
                  kind,
                  "auth",
                  "can-i",
                  "create",
                  "virtualservices.networking.istio.io",
                  as,
                  "-n",
                  "bookinfo"))
          .isEqualTo("yes");
      assertThat(canI(kind, "create", "clusterrolebindings", as)).isEqualTo("no");
      assertThat(
              kubectl(
                  kind,
                  "exec",
                  "--namespace=dojo-toolbox",
                  "toolbox",
                  "-c",
                  "shell",
                  "--",
                  "istioctl",
                  "version",
                  "--remote=false"))
          .contains(bookinfo.istio().version());
    } finally {
      runtime.destroy(id);
    }
    assertThat(runtime.list()).doesNotContain(id);
  }

  static String kubectl(KindContainer<?> kind, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl", KubectlCommands.ADMIN_KUBECONFIG));
    command.addAll(List.of(args));
    ExecResult result = kind.execInContainer(command.toArray(String[]::new));
    assertThat(result.getExitCode())
        .as(String.join(" ", args) + ": " + result.getStderr())
        .isZero();
    return result.getStdout().strip();
  }

  /** {@code kubectl auth can-i} exits 1 for "no", so its output is read whatever the exit code. */
  static String canI(KindContainer<?> kind, String verb, String resource, String as)
      throws Exception {
    ExecResult result =
        kind.execInContainer(
            "kubectl", KubectlCommands.ADMIN_KUBECONFIG, "auth", "can-i", verb, resource, as);
    return result.getStdout().strip();
  }
}

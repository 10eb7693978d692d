package io.meshdojo.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.meshdojo.grader.live.LiveCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --kubeconfig path against fabric8's mock API server (CRUD mode), a fresh one per test. */
@EnableKubernetesMockClient(crud = true)
class LiveClusterTest {

  KubernetesClient client;
  KubernetesMockServer server;

  private Path kubeconfig(Path dir) throws Exception {
    String url = client.getConfiguration().getMasterUrl();
    Path f = dir.resolve("kubeconfig");
    Files.writeString(
        f,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: learner
          user: {token: not-checked}
        contexts:
        - name: mock
          context: {cluster: mock, user: learner}
        current-context: mock
        """
            .formatted(url));
    return f;
  }

  /** Runs the command; stdout and stderr both end up in {@code out}. */
  private static int grade(Path kubeconfig, ByteArrayOutputStream out) {
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    return GradeCommand.run(
        new String[] {
          "--labs",
          "labs",
          "--lab",
          "mtls-strict",
          "--json",
          "--kubeconfig",
          kubeconfig.toString(),
          "--context",
          "mock"
        },
        ps,
        ps);
  }

  /** Creates every object of a manifest file in the mock cluster, as kubectl apply would. */
  private void create(String file) throws Exception {
    String yaml = Files.readString(Path.of(file));
    for (HasMetadata item :
        client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
      client.resource(item).create();
    }
  }

  /** The cluster a fresh mtls-strict sandbox is: the bookinfo environment and the lab's setup. */
  private void freshSandbox() throws Exception {
    create("infra/environments/bookinfo/baseline/00-namespaces.yaml");
    create("infra/environments/bookinfo/baseline/10-istio-system.yaml");
    create("infra/environments/bookinfo/baseline/20-bookinfo.yaml");
    create("labs/mtls-strict/setup/00-sleep-client.yaml");
  }

  @Test
  void gradesWhatTheClusterHolds(@TempDir Path dir) throws Exception {
    Path config = kubeconfig(dir);
    freshSandbox();
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    assertThat(grade(config, before)).as(before.toString(StandardCharsets.UTF_8)).isEqualTo(1);

    create("labs/mtls-strict/solution/peer-authentication.yaml");
    ByteArrayOutputStream after = new ByteArrayOutputStream();
    assertThat(grade(config, after)).as(after.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(after.toString(StandardCharsets.UTF_8)).contains("\"passed\" : true");
  }

  @Test
  void nothingOfTheEnvironmentIsAddedBack(@TempDir Path dir) throws Exception {
    Path config = kubeconfig(dir);
    freshSandbox();
    create("labs/mtls-strict/solution/peer-authentication.yaml");
    // The plaintext client the lab's probes send from is gone from the cluster: the objective
    // that needs it cannot be met, although the learner's own objects are right.
    client.apps().deployments().inNamespace("default").withName("sleep").delete();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(grade(config, out)).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("default/sleep");
  }

  @Test
  void anUnreachableClusterIsUnusableInput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("kubeconfig");
    Files.writeString(f, "not: a kubeconfig\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        GradeCommand.run(
            new String[] {
              "--labs",
              "labs",
              "--lab",
              "mtls-strict",
              "--kubeconfig",
              dir.resolve("missing").toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
  }

  @Test
  void pluralsFollowTheApiServersNames() {
    assertThat(LiveCluster.plural("ServiceEntry")).isEqualTo("serviceentries");
    assertThat(LiveCluster.plural("AuthorizationPolicy")).isEqualTo("authorizationpolicies");
    assertThat(LiveCluster.plural("Telemetry")).isEqualTo("telemetries");
    assertThat(LiveCluster.plural("Gateway")).isEqualTo("gateways");
    assertThat(LiveCluster.plural("Service")).isEqualTo("services");
  }
}

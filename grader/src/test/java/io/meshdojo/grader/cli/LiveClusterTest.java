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

/** The --kubeconfig path against fabric8's mock API server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class LiveClusterTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

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

  @Test
  void gradesWhatTheClusterHolds(@TempDir Path dir) throws Exception {
    Path config = kubeconfig(dir);
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    assertThat(grade(config, before)).as(before.toString(StandardCharsets.UTF_8)).isEqualTo(1);

    String pa = Files.readString(Path.of("labs/mtls-strict/solution/peer-authentication.yaml"));
    for (HasMetadata item :
        client.load(new ByteArrayInputStream(pa.getBytes(StandardCharsets.UTF_8))).items()) {
      client.resource(item).create();
    }
    ByteArrayOutputStream after = new ByteArrayOutputStream();
    assertThat(grade(config, after)).as(after.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(after.toString(StandardCharsets.UTF_8)).contains("\"passed\" : true");
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

package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LearnerKubeconfigTest {

  /** What kindcontainer hands out: admin client certificate, API server at localhost. */
  static final String ADMIN =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: kind
        cluster:
          server: https://localhost:32771
          certificate-authority-data: Q0EtREFUQQ==
      users:
      - name: kubernetes-admin
        user:
          client-certificate-data: QURNSU4tQ0VSVA==
          client-key-data: QURNSU4tS0VZ
      contexts:
      - name: kubernetes-admin@kind
        context: {cluster: kind, user: kubernetes-admin}
      current-context: kubernetes-admin@kind
      """;

  static final LearnerAccess ACCESS =
      new LearnerAccess("bookinfo", List.of("bookinfo"), List.of("istio-system"), false);

  static JsonNode parse(String yaml) throws Exception {
    return new YAMLMapper().readTree(yaml);
  }

  @Test
  void pointsAtTheExternalHostOnTheClustersPortWithTheLearnersTokenOnly() throws Exception {
    String kubeconfig =
        LearnerKubeconfig.build(
            ADMIN, Optional.of("workshop.example.org"), ACCESS, "sa-token", "meshdojo-k1");
    JsonNode root = parse(kubeconfig);
    JsonNode cluster = root.at("/clusters/0/cluster");
    assertThat(cluster.get("server").asText()).isEqualTo("https://workshop.example.org:32771");
    assertThat(cluster.get("certificate-authority-data").asText()).isEqualTo("Q0EtREFUQQ==");
    // The API server's certificate does not name the external address.
    assertThat(cluster.get("tls-server-name").asText()).isEqualTo("localhost");
    assertThat(root.at("/users/0/user")).hasSize(1);
    assertThat(root.at("/users/0/user/token").asText()).isEqualTo("sa-token");
    assertThat(root.at("/contexts/0/context/namespace").asText()).isEqualTo("bookinfo");
    assertThat(root.get("current-context").asText()).isEqualTo("meshdojo-k1");
    assertThat(kubeconfig)
        .doesNotContain("QURNSU4tS0VZ")
        .doesNotContain("QURNSU4tQ0VSVA==")
        .doesNotContain("client-key");

    // kubectl's own reading of it (fabric8 reads kubeconfigs as kubectl does).
    Config config = Config.fromKubeconfig(kubeconfig);
    assertThat(config.getMasterUrl()).startsWith("https://workshop.example.org:32771");
    assertThat(config.getAutoOAuthToken()).isEqualTo("sa-token");
    assertThat(config.getNamespace()).isEqualTo("bookinfo");
  }

  @Test
  void withoutAnExternalHostItKeepsTheDockerHostAndNeedsNoServerName() throws Exception {
    JsonNode cluster =
        parse(LearnerKubeconfig.build(ADMIN, Optional.empty(), ACCESS, "t", "k"))
            .at("/clusters/0/cluster");
    assertThat(cluster.get("server").asText()).isEqualTo("https://localhost:32771");
    assertThat(cluster.has("tls-server-name")).isFalse();
  }

  @Test
  void anIpv6ExternalAddressIsBracketed() throws Exception {
    JsonNode cluster =
        parse(LearnerKubeconfig.build(ADMIN, Optional.of("2001:db8::7"), ACCESS, "t", "k"))
            .at("/clusters/0/cluster");
    assertThat(cluster.get("server").asText()).isEqualTo("https://[2001:db8::7]:32771");
  }

  @Test
  void anAdminKubeconfigWithoutItsClusterIsRefused() {
    assertThatThrownBy(
            () ->
                LearnerKubeconfig.build(
                    "apiVersion: v1\nkind: Config\ncurrent-context: x\n",
                    Optional.empty(),
                    ACCESS,
                    "t",
                    "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no cluster for its current context");
  }
}

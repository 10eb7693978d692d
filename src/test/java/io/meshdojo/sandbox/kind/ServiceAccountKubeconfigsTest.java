package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.meshdojo.sandbox.LearnerRights;
import io.meshdojo.sandbox.kind.ClusterPool.Lease;
import io.meshdojo.sandbox.kind.ClusterPool.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The learner's kubeconfig against fabric8's mock API server (no cluster here): the learner's
 * ServiceAccount and RoleBindings are applied, a token is requested for the lease's remaining time,
 * and the kubeconfig carries that token at the external address.
 */
@EnableKubernetesMockClient
class ServiceAccountKubeconfigsTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  static final Map<String, KindInstall> INSTALLS = KindInstalls.load(Path.of("infra"));
  static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");
  static final String TOKEN_PATH = "/api/v1/namespaces/bookinfo/serviceaccounts/learner/token";

  static Lease lease(String environment, Instant expiresAt) {
    return new Lease(
        "k7",
        environment,
        "session-1",
        Status.READY,
        LearnerKubeconfigTest.ADMIN,
        NOW.minusSeconds(60),
        expiresAt,
        NOW,
        null,
        null);
  }

  ServiceAccountKubeconfigs issuer() {
    return new ServiceAccountKubeconfigs(
        env -> Optional.ofNullable(INSTALLS.get(env)),
        Optional.of("dojo.example.org"),
        Clock.fixed(NOW, ZoneOffset.UTC),
        admin -> server.createClient());
  }

  static final String APPLY = "?fieldManager=meshdojo&force=true";

  /** Answers a server-side apply of {@code path} with the object it was sent. */
  static void expectApply(String path, Object answer) {
    server.expect().patch().withPath(path + APPLY).andReturn(200, answer).once();
  }

  @Test
  void appliesTheServiceAccountAndBindingsThenHandsOutATokenForTheLeasesTime() throws Exception {
    List<Map<String, Object>> manifests = LearnerAccess.of(INSTALLS.get("ecosystem")).manifests();
    expectApply("/api/v1/namespaces/bookinfo/serviceaccounts/learner", manifests.get(0));
    List<String> bindingPaths = new ArrayList<>();
    for (Map<String, Object> binding : manifests.subList(1, manifests.size())) {
      Map<?, ?> metadata = (Map<?, ?>) binding.get("metadata");
      String path =
          "/apis/rbac.authorization.k8s.io/v1/"
              + (metadata.get("namespace") == null
                  ? ""
                  : "namespaces/" + metadata.get("namespace") + "/")
              + String.valueOf(binding.get("kind")).toLowerCase(java.util.Locale.ROOT)
              + "s/"
              + metadata.get("name");
      bindingPaths.add(path + APPLY);
      expectApply(path, binding);
    }
    server
        .expect()
        .post()
        .withPath(TOKEN_PATH)
        .andReturn(
            201,
            new TokenRequestBuilder()
                .withNewStatus()
                .withToken("granted-token")
                .endStatus()
                .build())
        .once();

    String kubeconfig =
        issuer()
            .issue(
                lease("ecosystem", NOW.plus(Duration.ofMinutes(90))),
                LearnerRights.ENVIRONMENT_ONLY);

    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      requests.add(r);
    }
    List<String> expected = new ArrayList<>();
    expected.add("PATCH /api/v1/namespaces/bookinfo/serviceaccounts/learner" + APPLY);
    bindingPaths.forEach(p -> expected.add("PATCH " + p));
    expected.add("POST " + TOKEN_PATH);
    assertThat(requests)
        .extracting(q -> q.getMethod() + " " + q.getPath())
        .as("the ServiceAccount, then its bindings, then the token")
        .containsExactlyElementsOf(expected);
    // Cluster-wide only the labels of the learner's own namespaces; no admin binding.
    assertThat(bindingPaths)
        .anyMatch(p -> p.contains("/namespaces/meta-thrift/"))
        .filteredOn(p -> p.contains("/clusterrole"))
        .containsExactly(
            "/apis/rbac.authorization.k8s.io/v1/clusterroles/meshdojo-learner-namespaces" + APPLY,
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/meshdojo-learner-namespaces"
                + APPLY);
    JsonNode spec =
        new ObjectMapper()
            .readTree(requests.get(requests.size() - 1).getBody().readUtf8())
            .get("spec");
    assertThat(spec.get("expirationSeconds").asLong()).isEqualTo(90 * 60);

    JsonNode root = new YAMLMapper().readTree(kubeconfig);
    assertThat(root.at("/users/0/user/token").asText()).isEqualTo("granted-token");
    assertThat(root.at("/clusters/0/cluster/server").asText())
        .isEqualTo("https://dojo.example.org:32771");
  }

  @Test
  void aTokenLastsAtLeastTheTenMinutesTheApiGrants() {
    assertThat(ServiceAccountKubeconfigs.tokenLifetime(NOW.plusSeconds(30), NOW))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(ServiceAccountKubeconfigs.tokenLifetime(NOW.plus(Duration.ofHours(2)), NOW))
        .isEqualTo(Duration.ofHours(2));
    assertThat(ServiceAccountKubeconfigs.tokenLifetime(null, NOW))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void anUnknownEnvironmentIsAnError() {
    assertThatThrownBy(
            () ->
                issuer()
                    .issue(lease("nowhere", NOW.plusSeconds(3600)), LearnerRights.ENVIRONMENT_ONLY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no kind install for nowhere");
  }
}

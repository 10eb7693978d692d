package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshdojo.sandbox.LearnerRights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnerAccessTest {

  static final Map<String, KindInstall> INSTALLS = KindInstalls.load(Path.of("infra"));

  static final Map<String, Object> LEARNER =
      Map.of("kind", "ServiceAccount", "name", "learner", "namespace", "bookinfo");

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void bookinfoLearnersWorkInBookinfoAndMayOnlyReadIstioSystem() {
    LearnerAccess access = LearnerAccess.of(INSTALLS.get("bookinfo"));
    assertThat(access.namespace()).isEqualTo("bookinfo");
    assertThat(access.editable()).containsExactly("bookinfo");
    assertThat(access.readable()).containsExactly("istio-system");
  }

  @Test
  void ecosystemLearnersAlsoWorkInEachAerakiDemosNamespace() {
    LearnerAccess access = LearnerAccess.of(INSTALLS.get("ecosystem"));
    assertThat(access.editable()).containsExactly("bookinfo", "meta-dubbo", "meta-thrift");
    assertThat(access.readable()).containsExactly("istio-system");
  }

  @Test
  void aServiceAccountNamespacedBindingsAndTheLabelsOfItsOwnNamespacesOnly() {
    LearnerAccess access = LearnerAccess.of(INSTALLS.get("ecosystem"));
    List<Map<String, Object>> objects = access.manifests();
    assertThat(objects.get(0))
        .containsEntry("kind", "ServiceAccount")
        .containsEntry("metadata", Map.of("name", "learner", "namespace", "bookinfo"));
    List<Map<String, Object>> bindings =
        objects.stream().filter(o -> "RoleBinding".equals(o.get("kind"))).toList();
    assertThat(bindings)
        .extracting(o -> map(o.get("metadata")).get("namespace"))
        .containsExactly("bookinfo", "meta-dubbo", "meta-thrift", "istio-system");
    for (Map<String, Object> binding : bindings) {
      assertThat(binding.get("subjects")).isEqualTo(List.of(LEARNER));
      assertThat(map(binding.get("roleRef"))).containsEntry("kind", "ClusterRole");
    }
    assertThat(bindings)
        .extracting(o -> map(o.get("roleRef")).get("name"))
        .containsExactly("meshdojo-learner", "meshdojo-learner", "meshdojo-learner", "view");
    // Cluster-wide: only the labels of the namespaces worked in, by name; no admin binding.
    List<Map<String, Object>> clusterWide =
        objects.stream().filter(o -> String.valueOf(o.get("kind")).startsWith("Cluster")).toList();
    assertThat(clusterWide)
        .extracting(o -> o.get("kind"))
        .containsExactly("ClusterRole", "ClusterRoleBinding");
    assertThat(clusterWide.get(0).get("rules"))
        .isEqualTo(
            List.of(
                Map.of(
                    "apiGroups", List.of(""),
                    "resources", List.of("namespaces"),
                    "resourceNames", List.of("bookinfo", "meta-dubbo", "meta-thrift"),
                    "verbs", List.of("get", "patch", "update"))));
    assertThat(clusterWide.get(1).get("subjects")).isEqualTo(List.of(LEARNER));
  }

  @Test
  void aLabsSetupNamespacesBecomeTheLearnersToo() {
    LearnerAccess access =
        LearnerAccess.of(
            INSTALLS.get("bookinfo"), new LearnerRights(List.of("shop", "istio-system"), false));
    assertThat(access.editable()).containsExactly("bookinfo", "shop", "istio-system");
    assertThat(access.readable()).isEmpty();
    // The namespaces' labels only: no binding to the cluster's admin role.
    assertThat(access.manifests())
        .filteredOn(o -> "ClusterRoleBinding".equals(o.get("kind")))
        .extracting(o -> map(o.get("roleRef")).get("name"))
        .containsExactly("meshdojo-learner-namespaces");
  }

  @Test
  void aLabThatInstallsIstioMakesTheLearnerAndTheToolboxClusterAdmins() {
    LearnerAccess access =
        LearnerAccess.of(INSTALLS.get("bookinfo"), new LearnerRights(List.of(), true));
    Map<String, Object> admin =
        access.manifests().stream()
            .filter(o -> o.get("roleRef") != null)
            .filter(o -> "cluster-admin".equals(map(o.get("roleRef")).get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(admin).containsEntry("kind", "ClusterRoleBinding");
    assertThat(admin.get("subjects"))
        .isEqualTo(
            List.of(
                LEARNER,
                Map.of("kind", "ServiceAccount", "name", "toolbox", "namespace", "dojo-toolbox")));
  }

  @Test
  void theLearnersRoleIsTheOneTheToolboxRbacDefines() throws Exception {
    List<String> clusterRoles = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        new YAMLMapper()
            .readerFor(JsonNode.class)
            .readValues(Path.of("infra/toolbox/rbac.yaml").toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc.path("kind").asText().equals("ClusterRole")) {
          clusterRoles.add(doc.at("/metadata/name").asText());
        }
      }
    }
    assertThat(clusterRoles).contains(LearnerAccess.LEARNER_ROLE);
  }
}

package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnerAccessTest {

  static final Map<String, KindInstall> INSTALLS = KindInstalls.load(Path.of("infra"));

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
  void aServiceAccountAndOnlyNamespacedBindingsOfIt() {
    LearnerAccess access = LearnerAccess.of(INSTALLS.get("ecosystem"));
    List<Map<String, Object>> objects = access.manifests();
    assertThat(objects.get(0))
        .containsEntry("kind", "ServiceAccount")
        .containsEntry("metadata", Map.of("name", "learner", "namespace", "bookinfo"));
    List<Map<String, Object>> bindings = objects.subList(1, objects.size());
    assertThat(bindings).extracting(o -> o.get("kind")).containsOnly("RoleBinding");
    assertThat(bindings)
        .extracting(o -> map(o.get("metadata")).get("namespace"))
        .containsExactly("bookinfo", "meta-dubbo", "meta-thrift", "istio-system");
    for (Map<String, Object> binding : bindings) {
      assertThat(binding.get("subjects"))
          .isEqualTo(
              List.of(
                  Map.of("kind", "ServiceAccount", "name", "learner", "namespace", "bookinfo")));
      assertThat(map(binding.get("roleRef"))).containsEntry("kind", "ClusterRole");
    }
    assertThat(bindings)
        .extracting(o -> map(o.get("roleRef")).get("name"))
        .containsExactly("meshdojo-learner", "meshdojo-learner", "meshdojo-learner", "view");
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

package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.Environments;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.validation.ModelSchemaValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentCatalogTest {

  final EnvironmentCatalog catalog = new EnvironmentCatalog();

  @Test
  void bothEnvironmentsArePackagedWithTheirVersions() {
    Environment bookinfo = catalog.find("bookinfo").orElseThrow();
    assertThat(bookinfo.istioVersion()).startsWith("1.26.");
    assertThat(bookinfo.kindNodeImage()).startsWith("docker.io/kindest/node:");
    Environment ecosystem = catalog.find("ecosystem").orElseThrow();
    assertThat(ecosystem.istioVersion()).startsWith("1.18.");
    assertThat(ecosystem.addons())
        .contains(
            new Environment.Addon("slime", "0.9.0"), new Environment.Addon("aeraki", "1.4.1"));
  }

  @Test
  void everyBaselineObjectIsServedAndValid() {
    ModelSchemaValidator validator = new ModelSchemaValidator();
    for (Environment env : catalog.all()) {
      List<ObjectNode> objects = catalog.baseline(env.name());
      assertThat(objects).isNotEmpty();
      for (ObjectNode o : objects) {
        String apiVersion = o.path("apiVersion").asText();
        String kind = o.path("kind").asText();
        assertThat(ApiCatalog.byKind(apiVersion, kind)).as(apiVersion + " " + kind).isPresent();
        String group =
            apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        assertThat(validator.validate(group, "v1", kind, o))
            .as(env.name() + " " + o.at("/metadata/name"))
            .isEmpty();
      }
    }
  }

  @Test
  void bookinfoBaselineHasTheWorkloadsLabsExpect() {
    List<ObjectNode> objects = catalog.baseline("bookinfo");
    List<String> deployments =
        objects.stream()
            .filter(o -> o.path("kind").asText().equals("Deployment"))
            .map(o -> o.at("/metadata/name").asText())
            .toList();
    assertThat(deployments)
        .contains(
            "productpage-v1",
            "details-v1",
            "ratings-v1",
            "reviews-v1",
            "reviews-v2",
            "reviews-v3",
            "istio-ingressgateway");
    ObjectNode reviews =
        objects.stream()
            .filter(
                o ->
                    o.path("kind").asText().equals("Service")
                        && o.at("/metadata/name").asText().equals("reviews"))
            .findFirst()
            .orElseThrow();
    assertThat(reviews.at("/spec/ports/0/port").asInt()).isEqualTo(9080);
    assertThat(reviews.at("/spec/ports/0/name").asText()).isEqualTo("http");
  }

  @Test
  void aBrokenEnvironmentIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                new EnvironmentCatalog(
                    Environments.of(
                        Map.of(
                            "x.yaml",
                            "apiVersion: meshdojo.io/v1alpha1\nkind: Environment\nmetadata: {name: x}\nspec:\n  kubernetes: {version: v1.32.2, nodeImage: kindest/node:v1.32.2}\n  istio: {version: 1.26.3}\n  baseline: [x/missing.yaml]\n"))))
        .hasMessageContaining("x/missing.yaml");
  }
}

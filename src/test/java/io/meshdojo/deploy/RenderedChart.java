package io.meshdojo.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service's chart as {@code helm template} renders it (helm itself, through helm-java), every
 * object validated against its Kubernetes schema on the way in.
 */
record RenderedChart(List<HasMetadata> objects) {

  static final Path CHART = Path.of("infra", "deploy", "meshdojo");
  static final String RELEASE = "dojo";
  static final String NAMESPACE = "learning";

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Renders with these {@code --set} values; helm's own failure propagates. */
  static RenderedChart render(Map<String, ?> values) {
    TemplateCommand template = new Helm(CHART).template().withName(RELEASE);
    template.withNamespace(NAMESPACE);
    values.forEach(template::set);
    return parse(template.call());
  }

  static RenderedChart parse(String manifests) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(manifests)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || document.isNull() || document.isEmpty()) {
          continue;
        }
        if (!(document instanceof ObjectNode object)) {
          throw new AssertionError("a rendered document is not an object: " + document);
        }
        objects.add(KubernetesSchema.validate(object));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm rendered text that is not YAML", e);
    }
    return new RenderedChart(objects);
  }

  /** The one object of a type; fails if there is none or several. */
  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + type.getSimpleName() + " but the chart rendered " + found.size());
    }
    return found.get(0);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }
}

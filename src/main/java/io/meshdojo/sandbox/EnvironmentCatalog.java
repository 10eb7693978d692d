package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.content.ClasspathFolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged environments ({@code infra/environments/<name>.yaml}) and their baseline manifests,
 * read and checked once when the service starts.
 */
@ApplicationScoped
public class EnvironmentCatalog {

  static final String FOLDER = "meshdojo/infra/environments";

  private final Map<String, Environment> environments = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> baselines = new LinkedHashMap<>();

  public EnvironmentCatalog() {
    this(ClasspathFolder.read(FOLDER, "bookinfo.yaml"));
  }

  /**
   * @param files contents keyed by path relative to {@code infra/environments/}
   */
  EnvironmentCatalog(Map<String, String> files) {
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().contains("/") || !file.getKey().endsWith(".yaml")) {
        continue;
      }
      ObjectNode doc = Manifests.parseOne(file.getValue(), file.getKey());
      Environment env = read(doc, file.getKey());
      List<ObjectNode> objects = new ArrayList<>();
      for (String path : env.baseline()) {
        String text = files.get(path);
        if (text == null) {
          throw new IllegalStateException(
              file.getKey() + " names baseline manifest " + path + ", which does not exist");
        }
        objects.addAll(Manifests.parse(text, path));
      }
      environments.put(env.name(), env);
      baselines.put(env.name(), List.copyOf(objects));
    }
  }

  private static Environment read(ObjectNode doc, String source) {
    if (!"Environment".equals(doc.path("kind").asText())) {
      throw new IllegalStateException(source + ": kind must be Environment");
    }
    String name = doc.path("metadata").path("name").asText();
    if (!source.equals(name + ".yaml")) {
      throw new IllegalStateException(source + ": metadata.name must be the file's name");
    }
    JsonNode spec = doc.path("spec");
    List<Environment.Addon> addons = new ArrayList<>();
    spec.path("addons")
        .forEach(
            a ->
                addons.add(
                    new Environment.Addon(a.path("name").asText(), a.path("version").asText())));
    List<String> baseline = new ArrayList<>();
    spec.path("baseline").forEach(b -> baseline.add(b.asText()));
    return new Environment(
        name,
        require(spec.path("kubernetes").path("version"), source, "spec.kubernetes.version"),
        require(spec.path("kubernetes").path("nodeImage"), source, "spec.kubernetes.nodeImage"),
        require(spec.path("istio").path("version"), source, "spec.istio.version"),
        spec.path("istio").path("profile").asText("default"),
        List.copyOf(addons),
        spec.path("defaultNamespace").asText("default"),
        List.copyOf(baseline));
  }

  private static String require(JsonNode node, String source, String field) {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new IllegalStateException(source + ": " + field + " is required");
    }
    return node.asText();
  }

  public Optional<Environment> find(String name) {
    return Optional.ofNullable(environments.get(name));
  }

  public List<Environment> all() {
    return List.copyOf(environments.values());
  }

  /** The baseline objects, as fresh copies the caller may change. */
  public List<ObjectNode> baseline(String name) {
    return baselines.getOrDefault(name, List.of()).stream().map(ObjectNode::deepCopy).toList();
  }
}

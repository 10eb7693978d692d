package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.Environments;
import io.meshdojo.grader.api.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged environments ({@code infra/environments/<name>.yaml}) as the sandboxes use them: the
 * one definition, read by the grader's {@link Environments}, with its baseline as stored objects.
 * Read and checked once when the service starts.
 */
@ApplicationScoped
public class EnvironmentCatalog {

  private final Environments environments;
  private final Map<String, List<ObjectNode>> baselines = new LinkedHashMap<>();

  public EnvironmentCatalog() {
    this(Environments.fromClasspath());
  }

  EnvironmentCatalog(Environments environments) {
    this.environments = environments;
    for (Environment env : environments.all()) {
      List<ObjectNode> objects = new ArrayList<>();
      for (Submission file : environments.baselineFiles(env.name())) {
        objects.addAll(Manifests.parse(file.text(), file.name()));
      }
      baselines.put(env.name(), List.copyOf(objects));
    }
  }

  /** The definitions themselves, shared with the grader. */
  public Environments environments() {
    return environments;
  }

  public Optional<Environment> find(String name) {
    return environments.find(name);
  }

  public List<Environment> all() {
    return environments.all();
  }

  /** The baseline objects, as fresh copies the caller may change. */
  public List<ObjectNode> baseline(String name) {
    return baselines.getOrDefault(name, List.of()).stream().map(ObjectNode::deepCopy).toList();
  }
}

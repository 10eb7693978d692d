package io.meshdojo.exam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.content.Bilingual;
import io.meshdojo.grader.api.GradableTask;
import io.meshdojo.sandbox.Manifests;
import io.meshdojo.web.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task as one attempt asks it: number {@code number} (from 1), with one value drawn for each of
 * its parameters, put into its instructions, setup, objectives and solution alike.
 */
public record DrawnTask(int number, ExamTask task, Map<String, JsonNode> parameters) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public String title(Language lang) {
    return Placeholders.fill(task.title().in(lang), parameters);
  }

  public Bilingual instructions() {
    return new Bilingual(
        Placeholders.fill(task.instructions().en(), parameters),
        Placeholders.fill(task.instructions().zh(), parameters));
  }

  /** What the sandbox holds for this task, in order. */
  public List<ObjectNode> setupObjects() {
    return objects(task.setup());
  }

  /** The reference solution for these parameters, as the candidate would apply it. */
  public List<ObjectNode> solutionObjects() {
    return objects(task.solution());
  }

  /** The reference solution as YAML documents, for the review after grading. */
  public String solutionYaml() {
    List<String> documents = new ArrayList<>();
    solutionObjects().forEach(o -> documents.add(Manifests.toYaml(o)));
    return String.join("---\n", documents);
  }

  /** The task as the grader takes it: objectives, setup and solution with the parameters in. */
  public GradableTask gradable(String environment) {
    List<Map<String, Object>> objectives = new ArrayList<>();
    for (JsonNode o : Placeholders.fill(task.objectives(), parameters)) {
      objectives.add(JSON.convertValue(o, Map.class));
    }
    return new GradableTask(
        task.id(), environment, texts(task.setup()), texts(task.solution()), objectives);
  }

  private List<ObjectNode> objects(Map<String, String> manifests) {
    List<ObjectNode> out = new ArrayList<>();
    for (var m : manifests.entrySet()) {
      for (ObjectNode o : Manifests.parse(m.getValue(), m.getKey())) {
        out.add((ObjectNode) Placeholders.fill(o, parameters));
      }
    }
    return out;
  }

  /** Filled manifests as JSON text (which YAML readers read), by path. */
  private Map<String, String> texts(Map<String, String> manifests) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var m : manifests.entrySet()) {
      List<JsonNode> filled = new ArrayList<>();
      for (ObjectNode o : Manifests.parse(m.getValue(), m.getKey())) {
        filled.add(Placeholders.fill(o, parameters));
      }
      try {
        out.put(
            m.getKey(),
            JSON.writeValueAsString(Map.of("apiVersion", "v1", "kind", "List", "items", filled)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree is always writable", e);
      }
    }
    return out;
  }
}

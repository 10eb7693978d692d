package io.meshdojo.exam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A draw as an attempt stores it: each task's id and drawn parameters, so the attempt keeps asking
 * the same even if the bank's value pools change later.
 */
final class Draws {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Draws() {}

  static String write(List<DrawnTask> drawn) {
    ArrayNode out = JSON.createArrayNode();
    for (DrawnTask d : drawn) {
      ObjectNode entry = out.addObject();
      entry.put("task", d.task().id());
      ObjectNode parameters = entry.putObject("parameters");
      d.parameters().forEach(parameters::set);
    }
    return out.toString();
  }

  /**
   * @throws IllegalStateException when the exam's pool no longer holds a drawn task
   */
  static List<DrawnTask> read(Exam exam, String stored) {
    JsonNode tree;
    try {
      tree = JSON.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an attempt's stored draw is unreadable", e);
    }
    List<DrawnTask> drawn = new ArrayList<>();
    for (JsonNode entry : tree) {
      String id = entry.path("task").asText();
      ExamTask task =
          exam.task(id)
              .orElseThrow(
                  () ->
                      new IllegalStateException("exam " + exam.id() + " no longer has task " + id));
      Map<String, JsonNode> parameters = new LinkedHashMap<>();
      entry
          .path("parameters")
          .fields()
          .forEachRemaining(f -> parameters.put(f.getKey(), f.getValue()));
      drawn.add(new DrawnTask(drawn.size() + 1, task, parameters));
    }
    return List.copyOf(drawn);
  }
}

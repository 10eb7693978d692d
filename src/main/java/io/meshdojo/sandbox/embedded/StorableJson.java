package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What an embedded sandbox may store: JSON that the service's own parser reads back, within that
 * parser's limits (number length, nesting depth, string and field-name length). An object outside
 * them was once stored and then made every read of its sandbox fail; it is refused when written.
 */
final class StorableJson {

  private static final int SHOWN_PATH = 120;

  private final ObjectMapper json;
  private final StreamReadConstraints limits;

  StorableJson(ObjectMapper json) {
    this.json = json;
    this.limits = json.getFactory().streamReadConstraints();
  }

  /** Each value beyond the parser's limits, as {@code field: problem}; empty when storable. */
  List<String> problems(JsonNode object) {
    List<String> problems = new ArrayList<>();
    walk(object, "", 1, problems);
    return problems;
  }

  /**
   * The object's stored text, proven to read back with the same parser.
   *
   * @throws KubeException 422 when it does not (a limit {@link #problems} does not know of)
   */
  String text(JsonNode object, ResourceType type, String name) {
    String text;
    try {
      text = json.writeValueAsString(object);
      json.readTree(text);
    } catch (JsonProcessingException e) {
      throw KubeException.invalid(
          type, name, "the object cannot be stored faithfully: " + e.getOriginalMessage());
    }
    return text;
  }

  private void walk(JsonNode node, String path, int depth, List<String> problems) {
    if (node.isContainerNode() && depth > limits.getMaxNestingDepth()) {
      problems.add(
          shown(path)
              + ": Invalid value: nested more than "
              + limits.getMaxNestingDepth()
              + " levels deep: must be nested at most "
              + limits.getMaxNestingDepth()
              + " levels");
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().length() > limits.getMaxNameLength()) {
          problems.add(
              shown(path)
                  + ": Invalid value: a field name of "
                  + field.getKey().length()
                  + " characters: field names must have at most "
                  + limits.getMaxNameLength()
                  + " characters");
          continue;
        }
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        walk(field.getValue(), child, depth + 1, problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", depth + 1, problems);
      }
    } else if (node.isNumber()) {
      number(node, path, problems);
    } else if (node.isTextual() && node.textValue().length() > limits.getMaxStringLength()) {
      problems.add(
          shown(path)
              + ": Too long: may not be more than "
              + limits.getMaxStringLength()
              + " characters");
    }
  }

  private void number(JsonNode node, String path, List<String> problems) {
    if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      problems.add(shown(path) + ": Invalid value: the number is out of range");
      return;
    }
    String digits = node.asText();
    int length = digits.startsWith("-") ? digits.length() - 1 : digits.length();
    if (length > limits.getMaxNumberLength()) {
      problems.add(
          shown(path)
              + ": Invalid value: a number of "
              + length
              + " characters: numbers must have at most "
              + limits.getMaxNumberLength()
              + " digits");
    }
  }

  /** A path short enough to read (a deeply nested one is cut). */
  private static String shown(String path) {
    String p = path.isEmpty() ? "<root>" : path;
    return p.length() <= SHOWN_PATH ? p : p.substring(0, SHOWN_PATH) + "...";
  }
}

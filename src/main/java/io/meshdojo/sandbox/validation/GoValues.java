package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Values printed as the API server's field errors print them (Go's {@code %q} and {@code %#v}). */
final class GoValues {

  private GoValues() {}

  static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A {@code map[string]string}, keys sorted as Go prints them. */
  static String stringMap(JsonNode map) {
    if (!map.isObject()) {
      return "map[string]string(nil)";
    }
    Map<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> entries = new ArrayList<>();
    sorted.forEach((k, v) -> entries.add(quoted(k) + ":" + quoted(v)));
    return "map[string]string{" + String.join(", ", entries) + "}";
  }

  /** A {@code *v1.LabelSelector}; its expressions as JSON, which says the same more briefly. */
  static String selector(JsonNode selector) {
    if (!selector.isObject()) {
      return "(*v1.LabelSelector)(nil)";
    }
    JsonNode expressions = selector.path("matchExpressions");
    return "v1.LabelSelector{MatchLabels:"
        + stringMap(selector.path("matchLabels"))
        + ", MatchExpressions:"
        + (expressions.isEmpty()
            ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement" + expressions)
        + "}";
  }
}

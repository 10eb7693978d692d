package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshdojo.sandbox.Manifests;
import io.meshdojo.sandbox.embedded.Tables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl describe} for any kind, in the style of kubectl's generic describer: the object's
 * identity and labels first, then every field with Title Case names, nested by indentation. The
 * embedded sandbox records no events, so {@code Events} is always {@code <none>}.
 */
public final class DescribeText {

  private static final int LABEL_WIDTH = 14;

  private DescribeText() {}

  /**
   * @param events the object's events (by {@code involvedObject.uid}), oldest first
   */
  public static String describe(JsonNode object, List<JsonNode> events) {
    JsonNode metadata = object.path("metadata");
    StringBuilder out = new StringBuilder();
    field(out, "Name:", metadata.path("name").asText());
    if (metadata.has("namespace")) {
      field(out, "Namespace:", metadata.path("namespace").asText());
    }
    pairs(out, "Labels:", metadata.path("labels"));
    pairs(out, "Annotations:", metadata.path("annotations"));
    field(out, "API Version:", object.path("apiVersion").asText());
    field(out, "Kind:", object.path("kind").asText());
    List<Map.Entry<String, JsonNode>> meta = new ArrayList<>();
    for (String key : List.of("creationTimestamp", "generation", "resourceVersion", "uid")) {
      if (metadata.has(key)) {
        meta.add(Map.entry(key, metadata.get(key)));
      }
    }
    if (!meta.isEmpty()) {
      out.append("Metadata:\n");
      block(out, meta, 1);
    }
    List<Map.Entry<String, JsonNode>> rest = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!List.of("apiVersion", "kind", "metadata").contains(e.getKey())) {
        rest.add(e);
      }
    }
    block(out, rest, 0);
    events(out, events);
    return out.toString();
  }

  /** kubectl's events table: type, reason, age, reporter and message. */
  private static void events(StringBuilder out, List<JsonNode> events) {
    if (events.isEmpty()) {
      field(out, "Events:", "<none>");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Type", "Reason", "Age", "From", "Message"});
    rows.add(new String[] {"----", "------", "----", "----", "-------"});
    for (JsonNode e : events) {
      rows.add(
          new String[] {
            e.path("type").asText(),
            e.path("reason").asText(),
            Tables.age(e.path("lastTimestamp").asText()),
            e.path("source").path("component").asText(),
            e.path("message").asText()
          });
    }
    int[] widths = new int[5];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    out.append("Events:\n");
    for (String[] r : rows) {
      out.append("  ");
      for (int i = 0; i < 4; i++) {
        out.append(r[i]).append(" ".repeat(widths[i] - r[i].length() + 2));
      }
      out.append(r[4]).append('\n');
    }
  }

  private static void field(StringBuilder out, String label, String value) {
    out.append(label).append(" ".repeat(Math.max(1, LABEL_WIDTH - label.length()))).append(value);
    out.append('\n');
  }

  /** Labels and annotations as {@code key=value}, one a line, like kubectl. */
  private static void pairs(StringBuilder out, String label, JsonNode map) {
    List<String> lines = new ArrayList<>();
    map.fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals(Manifests.LAST_APPLIED)) {
                lines.add(e.getKey() + "=" + e.getValue().asText());
              }
            });
    if (lines.isEmpty()) {
      field(out, label, "<none>");
      return;
    }
    field(out, label, lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      out.append(" ".repeat(LABEL_WIDTH)).append(line).append('\n');
    }
  }

  /** A map's fields at one depth, scalar values aligned, nested ones indented below their name. */
  private static void block(
      StringBuilder out, List<Map.Entry<String, JsonNode>> fields, int depth) {
    int width = 0;
    for (Map.Entry<String, JsonNode> e : fields) {
      if (e.getValue().isValueNode()) {
        width = Math.max(width, title(e.getKey()).length() + 1);
      }
    }
    String indent = "  ".repeat(depth);
    for (Map.Entry<String, JsonNode> e : fields) {
      String name = title(e.getKey()) + ":";
      JsonNode value = e.getValue();
      if (value.isValueNode()) {
        out.append(indent)
            .append(name)
            .append(" ".repeat(width - name.length() + 2))
            .append(value.asText())
            .append('\n');
      } else {
        out.append(indent).append(name).append('\n');
        nested(out, value, depth + 1);
      }
    }
  }

  private static void nested(StringBuilder out, JsonNode value, int depth) {
    if (value.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      value.fields().forEachRemaining(fields::add);
      block(out, fields, depth);
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        if (item.isValueNode()) {
          out.append("  ".repeat(depth)).append(item.asText()).append('\n');
        } else {
          nested(out, item, depth);
        }
      }
    }
  }

  /**
   * {@code creationTimestamp} → {@code Creation Timestamp}, as kubectl's describer names fields.
   */
  static String title(String key) {
    if (key.equals("uid")) {
      return "UID";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (i == 0) {
        out.append(Character.toUpperCase(c));
      } else if (Character.isUpperCase(c) && Character.isLowerCase(key.charAt(i - 1))) {
        out.append(' ').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

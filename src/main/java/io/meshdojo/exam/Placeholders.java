package io.meshdojo.exam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts drawn parameter values into parsed data, never into YAML text: every string value (and map
 * key) of a tree has its {@code {{name}}} placeholders replaced; a string that is nothing but one
 * placeholder takes the value itself, so {@code weight: "{{percent}}"} becomes a number. The values
 * are kebab-case words or numbers, or records of them (the schema says so), and a placeholder names
 * one of those words or numbers, so a value cannot change a tree's shape.
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{([a-zA-Z][a-zA-Z0-9]*(?:\\.[a-zA-Z][a-zA-Z0-9]*)?)}}");

  private Placeholders() {}

  /** A filled copy of {@code tree}; the original is left as it is. */
  static JsonNode fill(JsonNode tree, Map<String, JsonNode> values) {
    if (tree.isTextual()) {
      return text(tree.asText(), values);
    }
    if (tree.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.set(fill(f.getKey(), values), fill(f.getValue(), values));
      }
      return out;
    }
    if (tree.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      tree.forEach(item -> out.add(fill(item, values)));
      return out;
    }
    return tree.deepCopy();
  }

  /** A text (Markdown, say) with its placeholders replaced by the values as text. */
  static String fill(String text, Map<String, JsonNode> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), values).asText()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static JsonNode text(String text, Map<String, JsonNode> values) {
    Matcher whole = PLACEHOLDER.matcher(text);
    if (whole.matches()) {
      return value(whole.group(1), values).deepCopy();
    }
    return TextNode.valueOf(fill(text, values));
  }

  /** {@code name} or {@code name.field} (a field of a record value). */
  private static JsonNode value(String name, Map<String, JsonNode> values) {
    int dot = name.indexOf('.');
    JsonNode value =
        dot < 0
            ? values.get(name)
            : values
                .getOrDefault(name.substring(0, dot), NullNode.getInstance())
                .get(name.substring(dot + 1));
    if (value == null || value.isContainerNode()) {
      throw new IllegalArgumentException("{{" + name + "}} names no parameter of the task");
    }
    return value;
  }
}

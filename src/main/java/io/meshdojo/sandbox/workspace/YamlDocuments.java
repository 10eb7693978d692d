package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits an editor's multi-document YAML into objects that remember where they came from: the line
 * each document starts on and the line of every field path ({@code spec.http[0].route}), so that a
 * refusal naming a field can point at its line. Values and positions are read by the grader's
 * {@link Yaml} (size, depth and alias limits, no duplicate keys); this class gives them the
 * editor's shape.
 */
public final class YamlDocuments {

  /** One non-empty document. {@code lines} maps field paths to 1-based lines. */
  public record Located(int index, int line, ObjectNode object, Map<String, Integer> lines) {

    /** The line of the deepest field path named in {@code message}, else the document's start. */
    public int lineOf(String message) {
      int best = line;
      int bestLength = -1;
      for (Map.Entry<String, Integer> field : lines.entrySet()) {
        String path = field.getKey();
        if (path.length() > bestLength && mentions(message, path)) {
          best = field.getValue();
          bestLength = path.length();
        }
      }
      return best;
    }

    /**
     * Whether the message names the path as a whole word. A top-level field counts only when a
     * colon follows, so "kind" in "no matches for kind" does not point at the kind line.
     */
    private static boolean mentions(String message, String path) {
      boolean nested = path.indexOf('.') >= 0 || path.indexOf('[') >= 0;
      int at = message.indexOf(path);
      while (at >= 0) {
        int end = at + path.length();
        boolean startsClean = at == 0 || !isPathChar(message.charAt(at - 1));
        boolean endsClean =
            nested
                ? end == message.length() || !Character.isLetterOrDigit(message.charAt(end))
                : end < message.length() && message.charAt(end) == ':';
        if (startsClean && endsClean) {
          return true;
        }
        at = message.indexOf(path, at + 1);
      }
      return false;
    }

    private static boolean isPathChar(char c) {
      return Character.isLetterOrDigit(c) || c == '.' || c == ']';
    }
  }

  /** The text cannot be read as YAML; {@code line} is 1-based, 0 when unknown. */
  public static final class Unreadable extends RuntimeException {
    private final int line;

    Unreadable(String message, int line) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private YamlDocuments() {}

  public static List<Located> read(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > Yaml.MAX_BYTES) {
      throw new Unreadable(
          "the YAML is larger than " + Yaml.MAX_BYTES / 1024 + " KiB; apply it in parts", 0);
    }
    List<Yaml.Document> values;
    try {
      values = Yaml.documents(text);
    } catch (Yaml.Unreadable e) {
      throw new Unreadable(e.reason(), e.line());
    }
    List<Located> documents = new ArrayList<>();
    for (Yaml.Document document : values) {
      Object value = document.value();
      if (value == null) {
        continue;
      }
      if (!(value instanceof Map<?, ?>)) {
        throw new Unreadable(
            "document "
                + (document.index() + 1)
                + " is not a mapping; each document must be one object",
            document.line());
      }
      documents.add(
          new Located(
              document.index(), document.line(), JSON.valueToTree(value), document.lines()));
    }
    return documents;
  }
}

package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.intake.SafeYaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;

/**
 * Splits an editor's multi-document YAML into objects that remember where they came from: the line
 * each document starts on and the line of every field path ({@code spec.http[0].route}), so that a
 * refusal naming a field can point at its line. Values are read by the grader's {@link SafeYaml}
 * (size, depth and alias limits, no duplicate keys); this class only adds positions.
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
    if (text.getBytes(StandardCharsets.UTF_8).length > SafeYaml.MAX_BYTES) {
      throw new Unreadable(
          "the YAML is larger than " + SafeYaml.MAX_BYTES / 1024 + " KiB; apply it in parts", 0);
    }
    List<DocumentLines> positions = positions(text);
    List<Object> values;
    try {
      values = SafeYaml.parseAll(text);
    } catch (SafeYaml.YamlRejected e) {
      throw new Unreadable(e.reason(), e.line());
    }
    List<Located> documents = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      DocumentLines where = positions.get(i);
      if (value == null) {
        continue;
      }
      if (!(value instanceof Map<?, ?>)) {
        throw new Unreadable(
            "document " + (i + 1) + " is not a mapping; each document must be one object",
            where.start);
      }
      documents.add(new Located(i, where.start, JSON.valueToTree(value), where.paths));
    }
    return documents;
  }

  private record DocumentLines(int start, Map<String, Integer> paths) {}

  /** Where a collection is being filled: a mapping waits for keys, a sequence counts items. */
  private static final class Frame {
    final String path;
    final boolean mapping;
    String key;
    int items;

    Frame(String path, boolean mapping) {
      this.path = path;
      this.mapping = mapping;
    }

    /** The path of the value about to be read, or null when a mapping key comes next. */
    String childPath() {
      if (!mapping) {
        return path + "[" + items + "]";
      }
      return key == null ? null : (path.isEmpty() ? key : path + "." + key);
    }

    void valueRead() {
      if (mapping) {
        key = null;
      } else {
        items++;
      }
    }
  }

  private static List<DocumentLines> positions(String text) {
    ParserImpl parser = SafeYaml.parser(text);
    List<DocumentLines> documents = new ArrayList<>();
    Deque<Frame> stack = new ArrayDeque<>();
    Map<String, Integer> paths = new HashMap<>();
    // A document starts at its first content, not at its "---" marker or leading comments.
    int documentMarker = 1;
    int start = 0;
    try {
      while (parser.hasNext()) {
        Event event = parser.next();
        int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        switch (event.getEventId()) {
          case DocumentStart -> {
            paths = new HashMap<>();
            documentMarker = line;
            start = 0;
          }
          case DocumentEnd ->
              documents.add(new DocumentLines(start > 0 ? start : documentMarker, paths));
          case MappingStart, SequenceStart -> {
            if (stack.size() >= SafeYaml.MAX_DEPTH) {
              throw new Unreadable(
                  "the YAML nests deeper than " + SafeYaml.MAX_DEPTH + " levels", line);
            }
            if (stack.isEmpty()) {
              start = line;
            }
            String path = valueStarts(stack, paths, line);
            stack.push(new Frame(path, event.getEventId() == Event.ID.MappingStart));
          }
          case MappingEnd, SequenceEnd -> {
            stack.pop();
            if (!stack.isEmpty()) {
              stack.peek().valueRead();
            }
          }
          case Scalar, Alias -> {
            Frame top = stack.peek();
            if (top != null && top.mapping && top.key == null) {
              top.key = event instanceof ScalarEvent s ? s.getValue() : "*";
              paths.putIfAbsent(top.childPath(), line);
            } else {
              valueStarts(stack, paths, line);
              if (top != null) {
                top.valueRead();
              }
            }
          }
          default -> {}
        }
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark();
      String problem = e.getProblem() == null ? "unreadable YAML" : e.getProblem();
      throw new Unreadable(problem, mark.map(m -> m.getLine() + 1).orElse(0));
    } catch (YamlEngineException e) {
      throw new Unreadable(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 0);
    }
    return documents;
  }

  /** Records the line of a value inside a sequence (a mapping's keys are recorded as read). */
  private static String valueStarts(Deque<Frame> stack, Map<String, Integer> paths, int line) {
    Frame top = stack.peek();
    if (top == null) {
      return "";
    }
    String path = top.childPath();
    paths.putIfAbsent(path, line);
    return path;
  }
}

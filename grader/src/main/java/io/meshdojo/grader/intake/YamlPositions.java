package io.meshdojo.grader.intake;

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
 * Where things are in multi-document YAML: the line each document starts on (its first content, not
 * its {@code ---} marker or leading comments) and the line of every field path ({@code
 * spec.http[0].route}), so that a message naming a field can point at its line. Values are {@link
 * SafeYaml}'s; this only adds positions.
 */
public final class YamlPositions {

  private YamlPositions() {}

  /** Where one document starts (1-based line) and the line of each of its field paths. */
  public record DocumentLines(int start, Map<String, Integer> paths) {}

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

  /**
   * The positions of every document of {@code text}, empty ones included, in order; refuses what
   * {@link SafeYaml#parser} refuses and nesting deeper than {@link SafeYaml#MAX_DEPTH}.
   */
  public static List<DocumentLines> of(String text) throws SafeYaml.YamlRejected {
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
              throw new SafeYaml.YamlRejected(
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
      throw new SafeYaml.YamlRejected(problem, mark.map(m -> m.getLine() + 1).orElse(0));
    } catch (YamlEngineException e) {
      throw new SafeYaml.YamlRejected(
          String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 0);
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

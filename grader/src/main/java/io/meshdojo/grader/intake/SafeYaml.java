package io.meshdojo.grader.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads multi-document YAML (JSON is a subset) into plain maps, lists and scalars without ever
 * recursing: the tree is built from snakeyaml-engine's parser events with an explicit stack, so a
 * deeply nested input cannot overflow the Java stack. Limits: input size, nesting depth and alias
 * count; duplicate keys and non-scalar keys are rejected. Scalars follow the YAML 1.2 core schema.
 */
public final class SafeYaml {

  /** Largest accepted input, in bytes (UTF-8). */
  public static final int MAX_BYTES = 1 << 20;

  /** Deepest accepted nesting of mappings and sequences. */
  public static final int MAX_DEPTH = 64;

  /** Most aliases accepted in one input. */
  public static final int MAX_ALIASES = 50;

  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  /** Why an input was refused. */
  public static final class YamlRejected extends Exception {
    private final String reason;
    private final int line;

    YamlRejected(String reason, int line) {
      super(reason + (line > 0 ? " (line " + line + ")" : ""));
      this.reason = reason;
      this.line = line;
    }

    public String reason() {
      return reason;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
      return line;
    }
  }

  private SafeYaml() {}

  /**
   * snakeyaml-engine's event parser over {@code text}, with this class's size and alias limits and
   * with marks (line numbers) on every event; for readers that need positions as well as values.
   */
  public static ParserImpl parser(String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_BYTES)
            .setUseMarks(true)
            .build();
    return new ParserImpl(settings, new StreamReader(settings, text));
  }

  /** Parses every document of {@code text}; empty documents come back as {@code null} entries. */
  public static List<Object> parseAll(String text) throws YamlRejected {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new YamlRejected("input larger than " + MAX_BYTES + " bytes", 0);
    }
    ParserImpl parser = parser(text);
    List<Object> documents = new ArrayList<>();
    Deque<Frame> stack = new ArrayDeque<>();
    Map<String, Object> anchors = new HashMap<>();
    int aliases = 0;
    Object[] documentRoot = new Object[1];
    try {
      while (parser.hasNext()) {
        Event event = parser.next();
        int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        switch (event.getEventId()) {
          case DocumentStart -> {
            documentRoot[0] = null;
            anchors.clear();
          }
          case DocumentEnd -> documents.add(documentRoot[0]);
          case MappingStart, SequenceStart -> {
            if (stack.size() >= MAX_DEPTH) {
              throw new YamlRejected("nesting deeper than " + MAX_DEPTH + " levels", line);
            }
            Object collection =
                event instanceof MappingStartEvent
                    ? new LinkedHashMap<String, Object>()
                    : new ArrayList<Object>();
            anchor((NodeEvent) event, collection, anchors);
            add(stack, documentRoot, collection, line);
            stack.push(new Frame(collection));
          }
          case MappingEnd, SequenceEnd -> {
            Frame done = stack.pop();
            if (done.pendingKey != null) {
              throw new YamlRejected("mapping key without value", line);
            }
          }
          case Scalar -> {
            ScalarEvent scalar = (ScalarEvent) event;
            Object value = resolve(scalar);
            anchor(scalar, value, anchors);
            add(stack, documentRoot, value, line);
          }
          case Alias -> {
            if (++aliases > MAX_ALIASES) {
              throw new YamlRejected("more than " + MAX_ALIASES + " aliases", line);
            }
            String name = ((AliasEvent) event).getAlias().getValue();
            if (!anchors.containsKey(name)) {
              throw new YamlRejected("alias *" + name + " names no anchor", line);
            }
            Object target = anchors.get(name);
            if (target instanceof Map<?, ?> || target instanceof List<?>) {
              // Sharing collections would let a few aliases expand into a huge tree.
              throw new YamlRejected("aliases of mappings or sequences are not accepted", line);
            }
            add(stack, documentRoot, target, line);
          }
          default -> {}
        }
      }
    } catch (MarkedYamlEngineException e) {
      // The problem and where it was found ("expected <block end>, but found '-'", line 7); the
      // context alone ("while parsing a block mapping") does not say what is wrong.
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
      throw new YamlRejected(problem == null ? "unreadable YAML" : problem, line);
    } catch (YamlEngineException e) {
      String message = e.getMessage() == null ? "unreadable YAML" : e.getMessage();
      int nl = message.indexOf('\n');
      throw new YamlRejected(nl < 0 ? message : message.substring(0, nl), 0);
    }
    return documents;
  }

  private static void anchor(NodeEvent event, Object value, Map<String, Object> anchors) {
    event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), value));
  }

  @SuppressWarnings("unchecked")
  private static void add(Deque<Frame> stack, Object[] root, Object value, int line)
      throws YamlRejected {
    if (stack.isEmpty()) {
      root[0] = value;
      return;
    }
    Frame top = stack.peek();
    if (top.collection instanceof List<?> list) {
      ((List<Object>) list).add(value);
      return;
    }
    Map<String, Object> map = (Map<String, Object>) top.collection;
    if (!top.expectingValue) {
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        throw new YamlRejected("mapping keys must be scalars", line);
      }
      String key = value == null ? "null" : String.valueOf(value);
      if (map.containsKey(key)) {
        throw new YamlRejected("duplicate key '" + key + "'", line);
      }
      top.pendingKey = key;
      top.expectingValue = true;
    } else {
      map.put(top.pendingKey, value);
      top.pendingKey = null;
      top.expectingValue = false;
    }
  }

  private static Object resolve(ScalarEvent scalar) {
    String v = scalar.getValue();
    if (!scalar.isPlain() || scalar.getTag().isPresent()) {
      return v;
    }
    switch (v) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      default:
        break;
    }
    if (INT.matcher(v).matches()) {
      try {
        long n = Long.parseLong(v);
        return n == (int) n ? (Object) (int) n : (Object) n;
      } catch (NumberFormatException e) {
        return new java.math.BigInteger(v);
      }
    }
    if (HEX.matcher(v).matches() && v.length() < 18) {
      long n = Long.parseLong(v.substring(2), 16);
      return n == (int) n ? (Object) (int) n : (Object) n;
    }
    if (FLOAT.matcher(v).matches()) {
      return Double.parseDouble(v);
    }
    return v;
  }

  private static final class Frame {
    final Object collection;
    String pendingKey;
    boolean expectingValue;

    Frame(Object collection) {
      this.collection = collection;
    }
  }
}

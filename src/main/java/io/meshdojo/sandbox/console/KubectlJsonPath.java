package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's JSONPath templates ({@code -o jsonpath=...}): text with {@code {...}} actions holding a
 * path ({@code .items[*].metadata.name}, {@code ..name}, {@code [0]}, {@code [1:3]}, {@code
 * ['a.b']}, {@code [?(@.x=="y")]}), a quoted literal ({@code {"\n"}}) or {@code {range
 * PATH}...{end}}. Several results print separated by spaces; a missing key prints nothing, as
 * kubectl get does. Parsed here, with bounded input (the console's line limit), never evaluated by
 * anything else.
 */
final class KubectlJsonPath {

  /** A template kubectl would refuse; the message is kubectl's. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private sealed interface Node {}

  private record Text(String text) implements Node {}

  private record Path(String path) implements Node {}

  private record Range(String path, List<Node> body) implements Node {}

  private KubectlJsonPath() {}

  static String render(String template, JsonNode root) {
    List<Node> nodes = parse(template);
    StringBuilder out = new StringBuilder();
    render(nodes, root, root, out);
    return out.toString();
  }

  private static List<Node> parse(String template) {
    List<List<Node>> stack = new ArrayList<>();
    List<String> ranges = new ArrayList<>();
    stack.add(new ArrayList<>());
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        top(stack).add(new Text(template.substring(i)));
        break;
      }
      if (open > i) {
        top(stack).add(new Text(template.substring(i, open)));
      }
      int close = closing(template, open);
      if (close < 0) {
        throw new Invalid("error: error parsing jsonpath " + template + ", unclosed action");
      }
      String action = template.substring(open + 1, close).trim();
      if (action.startsWith("range ")) {
        ranges.add(action.substring(6).trim());
        stack.add(new ArrayList<>());
      } else if (action.equals("end")) {
        if (ranges.isEmpty()) {
          throw new Invalid("error: error parsing jsonpath " + template + ", not in range");
        }
        List<Node> body = stack.remove(stack.size() - 1);
        top(stack).add(new Range(ranges.remove(ranges.size() - 1), body));
      } else if (action.startsWith("\"")) {
        top(stack).add(new Text(literal(action, template)));
      } else {
        top(stack).add(new Path(action));
      }
      i = close + 1;
    }
    if (!ranges.isEmpty()) {
      throw new Invalid("error: error parsing jsonpath " + template + ", unclosed range");
    }
    return stack.get(0);
  }

  private static List<Node> top(List<List<Node>> stack) {
    return stack.get(stack.size() - 1);
  }

  /** The closing brace of an action, skipping quoted text. */
  private static int closing(String template, int open) {
    char quote = 0;
    for (int i = open + 1; i < template.length(); i++) {
      char c = template.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '}') {
        return i;
      }
    }
    return -1;
  }

  private static String literal(String action, String template) {
    if (action.length() < 2 || !action.endsWith("\"")) {
      throw new Invalid(
          "error: error parsing jsonpath " + template + ", unterminated quoted string");
    }
    String body = action.substring(1, action.length() - 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        out.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void render(List<Node> nodes, JsonNode root, JsonNode current, StringBuilder out) {
    for (Node node : nodes) {
      if (node instanceof Text t) {
        out.append(t.text());
      } else if (node instanceof Path p) {
        List<String> printed = new ArrayList<>();
        for (JsonNode v : select(p.path(), root, current)) {
          printed.add(v.isValueNode() ? v.asText() : v.toString());
        }
        out.append(String.join(" ", printed));
      } else if (node instanceof Range r) {
        for (JsonNode item : select(r.path(), root, current)) {
          render(r.body(), root, item, out);
        }
      }
    }
  }

  /** The values a path selects; {@code $} starts at the root, anything else at {@code current}. */
  static List<JsonNode> select(String path, JsonNode root, JsonNode current) {
    List<JsonNode> now = new ArrayList<>();
    int i = 0;
    if (path.startsWith("$")) {
      now.add(root);
      i = 1;
    } else {
      now.add(current);
      if (path.startsWith("@")) {
        i = 1;
      }
    }
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        boolean deep = i + 1 < path.length() && path.charAt(i + 1) == '.';
        int start = i + (deep ? 2 : 1);
        int end = start;
        while (end < path.length() && ".[".indexOf(path.charAt(end)) < 0) {
          end++;
        }
        String key = path.substring(start, end);
        now = deep ? descendants(now, key) : children(now, key);
        i = end;
      } else if (c == '[') {
        int end = bracketEnd(path, i);
        now = bracket(path.substring(i + 1, end), now, root);
        i = end + 1;
      } else {
        throw new Invalid(
            "error: error parsing jsonpath {" + path + "}, unrecognized character in action: " + c);
      }
    }
    return now;
  }

  private static int bracketEnd(String path, int open) {
    char quote = 0;
    int depth = 0;
    for (int i = open; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        depth--;
        if (depth == 0 && c == ']') {
          return i;
        }
      }
    }
    throw new Invalid("error: error parsing jsonpath {" + path + "}, unterminated array");
  }

  private static List<JsonNode> children(List<JsonNode> nodes, String key) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      if (key.isEmpty()) {
        out.add(n);
      } else if (key.equals("*")) {
        n.elements().forEachRemaining(out::add);
      } else if (n.has(key)) {
        out.add(n.get(key));
      }
    }
    return out;
  }

  private static List<JsonNode> descendants(List<JsonNode> nodes, String key) {
    List<JsonNode> out = new ArrayList<>();
    List<JsonNode> queue = new ArrayList<>(nodes);
    // Breadth first with an explicit list: deep input cannot overflow the stack.
    for (int i = 0; i < queue.size(); i++) {
      JsonNode n = queue.get(i);
      if (n.isObject() && n.has(key)) {
        out.add(n.get(key));
      }
      n.elements().forEachRemaining(queue::add);
    }
    return out;
  }

  private static List<JsonNode> bracket(String inside, List<JsonNode> nodes, JsonNode root) {
    String s = inside.trim();
    List<JsonNode> out = new ArrayList<>();
    if (s.startsWith("?(") && s.endsWith(")")) {
      String condition = s.substring(2, s.length() - 1);
      for (JsonNode n : nodes) {
        n.elements()
            .forEachRemaining(
                e -> {
                  if (matches(condition, e, root)) {
                    out.add(e);
                  }
                });
      }
      return out;
    }
    if (s.startsWith("'") || s.startsWith("\"")) {
      return children(nodes, s.substring(1, s.length() - 1));
    }
    for (JsonNode n : nodes) {
      if (!n.isArray()) {
        continue;
      }
      int size = n.size();
      if (s.equals("*")) {
        n.elements().forEachRemaining(out::add);
      } else if (s.contains(":")) {
        String[] parts = s.split(":", -1);
        int from = index(parts[0], 0, size);
        int to = index(parts[1], size, size);
        for (int k = Math.max(0, from); k < Math.min(size, to); k++) {
          out.add(n.get(k));
        }
      } else {
        int k = index(s, 0, size);
        if (k >= 0 && k < size) {
          out.add(n.get(k));
        }
      }
    }
    return out;
  }

  private static int index(String text, int fallback, int size) {
    String t = text.trim();
    if (t.isEmpty()) {
      return fallback;
    }
    if (!t.matches("-?[0-9]{1,9}")) {
      throw new Invalid("error: error parsing jsonpath, invalid array index " + t);
    }
    int k = Integer.parseInt(t);
    return k < 0 ? size + k : k;
  }

  /** {@code @.path OP literal}, or {@code @.path} alone for "exists". */
  private static boolean matches(String condition, JsonNode item, JsonNode root) {
    for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
      int at = condition.indexOf(op);
      if (at > 0) {
        List<JsonNode> left = select(condition.substring(0, at).trim(), root, item);
        String right = unquote(condition.substring(at + op.length()).trim());
        for (JsonNode l : left) {
          if (compare(l, op, right)) {
            return true;
          }
        }
        return false;
      }
    }
    return !select(condition.trim(), root, item).isEmpty();
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.startsWith("'") || s.startsWith("\""))
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private static boolean compare(JsonNode left, String op, String right) {
    if (left.isNumber() && right.matches("-?[0-9.]+")) {
      int c = Double.compare(left.asDouble(), Double.parseDouble(right));
      return switch (op) {
        case "==" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case ">" -> c > 0;
        case "<=" -> c <= 0;
        default -> c >= 0;
      };
    }
    boolean equal = left.asText().equals(right);
    return switch (op) {
      case "==" -> equal;
      case "!=" -> !equal;
      default -> false;
    };
  }
}

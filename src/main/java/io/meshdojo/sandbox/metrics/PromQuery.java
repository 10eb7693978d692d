package io.meshdojo.sandbox.metrics;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A small recursive-descent parser for the part of PromQL the simulated Prometheus answers: vector
 * and range selectors with label matchers ({@code =}, {@code !=}, {@code =~}, {@code !~}), the
 * aggregations {@code sum}, {@code count}, {@code avg}, {@code min} and {@code max} with {@code by}
 * or {@code without}, the functions {@code rate}, {@code increase} and {@code histogram_quantile},
 * numbers, parentheses and the arithmetic operators. Anything else is refused with a message
 * (Prometheus' {@code bad_data}). The Prometheus project publishes no Java parser; the one on Maven
 * Central (io.github.oatelauser:promql-core, a single 1.0.0 of September 2026) is too young to
 * count as well kept, and the subset needs a small parser only.
 */
final class PromQuery {

  /** Longest query accepted. */
  static final int MAX_LENGTH = 2_000;

  private static final int MAX_DEPTH = 32;
  private static final Set<String> AGGREGATIONS = Set.of("sum", "count", "avg", "min", "max");
  private static final Set<String> FUNCTIONS = Set.of("rate", "increase", "histogram_quantile");

  /** A query the simulated Prometheus cannot read, with why. */
  static final class BadQuery extends RuntimeException {
    BadQuery(String message) {
      super(message);
    }
  }

  /** A parsed expression. */
  sealed interface Expr {}

  /** One label matcher; {@code op} is {@code =}, {@code !=}, {@code =~} or {@code !~}. */
  record Matcher(String label, String op, String value) {}

  /** {@code name{matchers}} or {@code name{matchers}[range]}; rangeMs 0 for an instant selector. */
  record Selector(List<Matcher> matchers, long rangeMs) implements Expr {}

  record NumberLiteral(double value) implements Expr {}

  record Aggregation(String op, boolean without, List<String> labels, Expr inner) implements Expr {}

  record Call(String function, List<Expr> args) implements Expr {}

  record Binary(char op, Expr left, Expr right) implements Expr {}

  record Negation(Expr inner) implements Expr {}

  private final String text;
  private int pos;
  private int depth;

  private PromQuery(String text) {
    this.text = text;
  }

  static Expr parse(String query) {
    if (query == null || query.isBlank()) {
      throw new BadQuery("invalid parameter \"query\": no query given");
    }
    if (query.length() > MAX_LENGTH) {
      throw new BadQuery("query longer than " + MAX_LENGTH + " characters");
    }
    PromQuery p = new PromQuery(query);
    Expr e = p.additive();
    p.space();
    if (p.pos < p.text.length()) {
      throw p.error("unexpected character '" + p.text.charAt(p.pos) + "'");
    }
    return e;
  }

  private BadQuery error(String what) {
    return new BadQuery("1:" + (pos + 1) + ": parse error: " + what);
  }

  private Expr additive() {
    return binaryLevel("+-", this::multiplicative);
  }

  private Expr multiplicative() {
    return binaryLevel("*/", this::unary);
  }

  /** Left-associative operators of one precedence level over the next level's operands. */
  private Expr binaryLevel(String operators, java.util.function.Supplier<Expr> operand) {
    Expr left = operand.get();
    while (true) {
      space();
      if (pos < text.length() && operators.indexOf(text.charAt(pos)) >= 0) {
        char op = text.charAt(pos++);
        left = new Binary(op, left, operand.get());
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    space();
    if (++depth > MAX_DEPTH) {
      throw error("expression nested deeper than " + MAX_DEPTH + " levels");
    }
    try {
      if (peek('-')) {
        pos++;
        return new Negation(unary());
      }
      if (peek('+')) {
        pos++;
        return unary();
      }
      return primary();
    } finally {
      depth--;
    }
  }

  private Expr primary() {
    space();
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Expr inner = additive();
      expect(')');
      return inner;
    }
    if (Character.isDigit(c) || c == '.') {
      return new NumberLiteral(number());
    }
    if (c == '{') {
      return selector(null);
    }
    if (!isNameStart(c)) {
      throw error("unexpected character '" + c + "'");
    }
    String name = identifier();
    String lower = name.toLowerCase(Locale.ROOT);
    if (AGGREGATIONS.contains(lower)) {
      return aggregation(lower);
    }
    space();
    if (peek('(')) {
      if (!FUNCTIONS.contains(lower)) {
        throw error(
            "function \""
                + name
                + "\" is not available in this simulated Prometheus (it knows rate, increase,"
                + " histogram_quantile, sum, count, avg, min and max)");
      }
      return call(lower);
    }
    if (Set.of("by", "without", "offset", "bool", "and", "or", "unless", "on", "ignoring")
        .contains(lower)) {
      throw error("\"" + name + "\" is not supported here");
    }
    return selector(name);
  }

  private Expr aggregation(String op) {
    space();
    boolean without = false;
    List<String> labels = List.of();
    boolean grouped = false;
    if (keywordAhead("by") || keywordAhead("without")) {
      without = identifier().equalsIgnoreCase("without");
      labels = labelList();
      grouped = true;
    }
    expect('(');
    Expr inner = additive();
    expect(')');
    space();
    if (!grouped && (keywordAhead("by") || keywordAhead("without"))) {
      without = identifier().equalsIgnoreCase("without");
      labels = labelList();
    }
    return new Aggregation(op, without, labels, inner);
  }

  private List<String> labelList() {
    expect('(');
    List<String> labels = new ArrayList<>();
    space();
    while (!peek(')')) {
      labels.add(identifier());
      space();
      if (!peek(')')) {
        expect(',');
        space();
      }
    }
    pos++;
    return labels;
  }

  private Expr call(String function) {
    expect('(');
    List<Expr> args = new ArrayList<>();
    space();
    while (!peek(')')) {
      args.add(additive());
      space();
      if (!peek(')')) {
        expect(',');
      }
    }
    pos++;
    int wanted = function.equals("histogram_quantile") ? 2 : 1;
    if (args.size() != wanted) {
      throw error(
          "expected "
              + wanted
              + " argument(s) in call to \""
              + function
              + "\", got "
              + args.size());
    }
    return new Call(function, args);
  }

  private Expr selector(String name) {
    List<Matcher> matchers = new ArrayList<>();
    if (name != null) {
      matchers.add(new Matcher("__name__", "=", name));
    }
    space();
    if (peek('{')) {
      pos++;
      space();
      while (!peek('}')) {
        String label = identifier();
        space();
        String op = matchOp();
        space();
        Matcher matcher = new Matcher(label, op, string());
        if (op.endsWith("~")) {
          regex(matcher.value());
        }
        matchers.add(matcher);
        space();
        if (!peek('}')) {
          expect(',');
          space();
        }
      }
      pos++;
    }
    if (matchers.isEmpty()) {
      throw error("vector selector must contain at least one matcher");
    }
    space();
    long range = 0;
    if (peek('[')) {
      pos++;
      space();
      int start = pos;
      while (pos < text.length() && text.charAt(pos) != ']') {
        pos++;
      }
      range = Durations.millis(text.substring(start, pos).strip());
      expect(']');
    }
    return new Selector(matchers, range);
  }

  /** A label matcher's regular expression: RE2, fully anchored, as Prometheus reads it. */
  static Pattern regex(String re) {
    try {
      return Pattern.compile("^(?:" + re + ")$");
    } catch (PatternSyntaxException e) {
      throw new BadQuery("invalid regular expression \"" + re + "\": " + e.getDescription());
    }
  }

  private String matchOp() {
    for (String op : List.of("=~", "!~", "!=", "=")) {
      if (text.startsWith(op, pos)) {
        pos += op.length();
        return op;
      }
    }
    throw error("expected a label matching operator (=, !=, =~, !~)");
  }

  private String string() {
    if (pos >= text.length() || (text.charAt(pos) != '"' && text.charAt(pos) != '\'')) {
      throw error("expected a quoted label value");
    }
    char quote = text.charAt(pos++);
    StringBuilder out = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != quote) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        char n = text.charAt(pos++);
        out.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> n;
            });
      } else {
        out.append(c);
      }
    }
    if (pos >= text.length()) {
      throw error("unterminated quoted string");
    }
    pos++;
    return out.toString();
  }

  private double number() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    try {
      return Double.parseDouble(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error(
          "bad number \"" + text.substring(start, Math.min(text.length(), start + 20)) + "\"");
    }
  }

  private String identifier() {
    space();
    int start = pos;
    if (pos < text.length() && isNameStart(text.charAt(pos))) {
      pos++;
      while (pos < text.length()
          && (isNameStart(text.charAt(pos)) || Character.isDigit(text.charAt(pos)))) {
        pos++;
      }
    }
    if (start == pos) {
      throw error("expected a name");
    }
    return text.substring(start, pos);
  }

  private boolean keywordAhead(String word) {
    int end = pos + word.length();
    return text.regionMatches(true, pos, word, 0, word.length())
        && (end >= text.length() || !isNameStart(text.charAt(end)));
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    space();
    if (!peek(c)) {
      throw error(
          pos >= text.length()
              ? "unexpected end of input, expected '" + c + "'"
              : "expected '" + c + "', found '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private void space() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Prometheus durations: {@code 30s}, {@code 5m}, {@code 1h30m}. */
  static final class Durations {
    private Durations() {}

    static long millis(String text) {
      var m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w|y)").matcher(text);
      long total = 0;
      int at = 0;
      while (m.find() && m.start() == at) {
        long n = Long.parseLong(m.group(1));
        long unit =
            switch (m.group(2)) {
              case "ms" -> 1L;
              case "s" -> 1_000L;
              case "m" -> 60_000L;
              case "h" -> 3_600_000L;
              case "d" -> 86_400_000L;
              case "w" -> 604_800_000L;
              default -> 31_536_000_000L;
            };
        try {
          total = Math.addExact(total, Math.multiplyExact(n, unit));
        } catch (ArithmeticException e) {
          throw new BadQuery("duration \"" + text + "\" is too long");
        }
        at = m.end();
      }
      if (text.isEmpty() || at != text.length() || total <= 0) {
        throw new BadQuery("bad duration \"" + text + "\" (write it as 30s, 5m or 1h)");
      }
      return total;
    }
  }
}

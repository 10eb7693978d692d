package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.dataplane.Shell.Io;
import io.meshdojo.sandbox.dataplane.Shell.Program;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The shell utilities a pod's shell offers for the labs' own pipelines: {@code sh -c}, {@code
 * echo}, {@code seq}, {@code sleep} (modelled time), {@code grep}, {@code sort}, {@code uniq},
 * {@code head}, {@code tail}, {@code wc}, {@code cut}, {@code awk '{print $N}'}, {@code env},
 * {@code hostname} and {@code cat} of the few files a pod is known to have. Each takes the options
 * people use with it and refuses others with the tool's own kind of message.
 */
final class TextPrograms {

  private static final int MAX_SEQ = 100_000;

  private TextPrograms() {}

  /** Adds the programs to {@code programs}; {@code files} are the readable files by path. */
  static void install(Map<String, Program> programs, Map<String, String> files) {
    Program sh = TextPrograms::sh;
    programs.put("sh", sh);
    programs.put("bash", sh);
    programs.put("echo", TextPrograms::echo);
    programs.put("seq", TextPrograms::seq);
    programs.put("sleep", TextPrograms::sleep);
    programs.put("true", (s, a, io) -> 0);
    programs.put("false", (s, a, io) -> 1);
    programs.put("env", TextPrograms::env);
    programs.put("printenv", TextPrograms::env);
    programs.put("hostname", (s, a, io) -> line(io, s.environment().getOrDefault("HOSTNAME", "")));
    programs.put("cat", (s, a, io) -> cat(a, io, files));
    programs.put("grep", TextPrograms::grep);
    programs.put("sort", TextPrograms::sort);
    programs.put("uniq", TextPrograms::uniq);
    programs.put("head", (s, a, io) -> headOrTail(a, io, true));
    programs.put("tail", (s, a, io) -> headOrTail(a, io, false));
    programs.put("wc", TextPrograms::wc);
    programs.put("cut", TextPrograms::cut);
    programs.put("awk", TextPrograms::awk);
  }

  private static int line(Io io, String text) {
    io.out.append(text).append('\n');
    return 0;
  }

  private static int sh(Shell shell, List<String> args, Io io) {
    if (args.isEmpty()) {
      io.err.append("sh: an interactive shell needs a terminal: pass a command with sh -c\n");
      return 2;
    }
    if (!args.get(0).equals("-c") || args.size() < 2) {
      io.err.append("sh: 0: cannot open ").append(args.get(0)).append(": No such file\n");
      return 2;
    }
    return shell.runScript(args.get(1), io);
  }

  private static int echo(Shell shell, List<String> args, Io io) {
    boolean newline = true;
    List<String> words = args;
    if (!words.isEmpty() && words.get(0).equals("-n")) {
      newline = false;
      words = words.subList(1, words.size());
    }
    io.out.append(String.join(" ", words));
    if (newline) {
      io.out.append('\n');
    }
    return 0;
  }

  private static int seq(Shell shell, List<String> args, Io io) {
    long first = 1;
    long step = 1;
    long last;
    try {
      switch (args.size()) {
        case 1 -> last = Long.parseLong(args.get(0));
        case 2 -> {
          first = Long.parseLong(args.get(0));
          last = Long.parseLong(args.get(1));
        }
        case 3 -> {
          first = Long.parseLong(args.get(0));
          step = Long.parseLong(args.get(1));
          last = Long.parseLong(args.get(2));
        }
        default -> {
          io.err.append(args.isEmpty() ? "seq: missing operand\n" : "seq: extra operand\n");
          return 1;
        }
      }
    } catch (NumberFormatException e) {
      io.err.append("seq: invalid argument: only whole numbers are supported here\n");
      return 1;
    }
    if (step == 0) {
      io.err.append("seq: invalid Zero increment value: '0'\n");
      return 1;
    }
    int count = 0;
    for (long v = first; step > 0 ? v <= last : v >= last; v += step) {
      if (++count > MAX_SEQ) {
        throw new Shell.LimitReached("meshdojo: seq stopped after " + MAX_SEQ + " numbers");
      }
      io.out.append(v).append('\n');
    }
    return 0;
  }

  private static int sleep(Shell shell, List<String> args, Io io) {
    if (args.size() != 1) {
      io.err.append("sleep: missing operand\n");
      return 1;
    }
    String a = args.get(0);
    double factor = 1;
    if (a.endsWith("s")) {
      a = a.substring(0, a.length() - 1);
    } else if (a.endsWith("m")) {
      a = a.substring(0, a.length() - 1);
      factor = 60;
    }
    try {
      BigDecimal seconds = new BigDecimal(a);
      if (seconds.signum() < 0) {
        throw new NumberFormatException();
      }
      shell.budget().spend(Math.round(seconds.doubleValue() * factor * 1000));
      return 0;
    } catch (NumberFormatException e) {
      io.err.append("sleep: invalid time interval '").append(args.get(0)).append("'\n");
      return 1;
    }
  }

  private static int env(Shell shell, List<String> args, Io io) {
    if (!args.isEmpty()) {
      String value = shell.environment().get(args.get(0));
      if (value == null) {
        return 1;
      }
      return line(io, value);
    }
    shell.environment().forEach((k, v) -> io.out.append(k).append('=').append(v).append('\n'));
    return 0;
  }

  private static int cat(List<String> args, Io io, Map<String, String> files) {
    if (args.isEmpty() || args.equals(List.of("-"))) {
      io.out.append(io.stdin);
      return 0;
    }
    int result = 0;
    for (String path : args) {
      String text = files.get(path);
      if (text == null) {
        io.err.append("cat: ").append(path).append(": No such file or directory\n");
        result = 1;
      } else {
        io.out.append(text);
      }
    }
    return result;
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return Arrays.asList(t.split("\n", -1));
  }

  private static void print(Io io, List<String> lines) {
    for (String l : lines) {
      io.out.append(l).append('\n');
    }
  }

  private static int grep(Shell shell, List<String> args, Io io) {
    boolean count = false;
    boolean invert = false;
    boolean only = false;
    boolean ignoreCase = false;
    boolean extended = false;
    boolean fixed = false;
    boolean quiet = false;
    String pattern = null;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-e") && i + 1 < args.size()) {
        pattern = args.get(++i);
      } else if (a.startsWith("-") && a.length() > 1 && pattern == null) {
        for (char c : a.substring(1).toCharArray()) {
          switch (c) {
            case 'c' -> count = true;
            case 'v' -> invert = true;
            case 'o' -> only = true;
            case 'i' -> ignoreCase = true;
            case 'E' -> extended = true;
            case 'F' -> fixed = true;
            case 'q' -> quiet = true;
            default -> {
              io.err.append("grep: invalid option -- '").append(c).append("'\n");
              io.err.append("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
              return 2;
            }
          }
        }
      } else if (pattern == null) {
        pattern = a;
      } else {
        files.add(a);
      }
    }
    if (pattern == null) {
      io.err.append("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
      return 2;
    }
    if (!files.isEmpty()) {
      io.err.append("grep: ").append(files.get(0)).append(": No such file or directory\n");
      return 2;
    }
    Pattern regex;
    try {
      String source = fixed ? Pattern.quote(pattern) : extended ? pattern : basicToJava(pattern);
      regex = Pattern.compile(source, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    } catch (PatternSyntaxException e) {
      io.err.append("grep: Invalid regular expression\n");
      return 2;
    }
    int matched = 0;
    for (String l : lines(io.stdin)) {
      Matcher m = regex.matcher(l);
      boolean found = m.find();
      if (found == invert) {
        continue;
      }
      matched++;
      if (count || quiet) {
        continue;
      }
      if (only && !invert) {
        do {
          if (!m.group().isEmpty()) {
            io.out.append(m.group()).append('\n');
          }
        } while (m.find());
      } else {
        io.out.append(l).append('\n');
      }
    }
    if (count && !quiet) {
      io.out.append(matched).append('\n');
    }
    return matched > 0 ? 0 : 1;
  }

  /**
   * A POSIX basic regular expression in Java's syntax: {@code + ? | ( ) { }} are literal unless
   * escaped, where they become operators.
   */
  static String basicToJava(String basic) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < basic.length(); i++) {
      char c = basic.charAt(i);
      if (c == '\\' && i + 1 < basic.length()) {
        char n = basic.charAt(++i);
        out.append("+?|(){}".indexOf(n) >= 0 ? String.valueOf(n) : "\\" + n);
      } else if ("+?|(){}".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int sort(Shell shell, List<String> args, Io io) {
    boolean numeric = false;
    boolean reverse = false;
    boolean unique = false;
    for (String a : args) {
      if (!a.startsWith("-") || a.length() < 2) {
        io.err.append("sort: cannot read: ").append(a).append(": No such file or directory\n");
        return 2;
      }
      for (char c : a.substring(1).toCharArray()) {
        switch (c) {
          case 'n' -> numeric = true;
          case 'r' -> reverse = true;
          case 'u' -> unique = true;
          default -> {
            io.err.append("sort: invalid option -- '").append(c).append("'\n");
            return 2;
          }
        }
      }
    }
    List<String> lines = new ArrayList<>(lines(io.stdin));
    Comparator<String> order =
        numeric
            ? Comparator.comparingDouble(TextPrograms::leadingNumber)
            : Comparator.naturalOrder();
    lines.sort(numeric ? order.thenComparing(Comparator.naturalOrder()) : order);
    if (reverse) {
      Collections.reverse(lines);
    }
    print(io, unique ? lines.stream().distinct().toList() : lines);
    return 0;
  }

  private static double leadingNumber(String line) {
    Matcher m = Pattern.compile("^\\s*(-?\\d+(\\.\\d+)?)").matcher(line);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static int uniq(Shell shell, List<String> args, Io io) {
    boolean count = false;
    for (String a : args) {
      if (a.equals("-c")) {
        count = true;
      } else {
        io.err.append("uniq: invalid option -- '").append(a.replace("-", "")).append("'\n");
        return 1;
      }
    }
    String previous = null;
    int n = 0;
    List<String> out = new ArrayList<>();
    for (String l : lines(io.stdin)) {
      if (l.equals(previous)) {
        n++;
        continue;
      }
      if (previous != null) {
        out.add(count ? String.format("%7d %s", n, previous) : previous);
      }
      previous = l;
      n = 1;
    }
    if (previous != null) {
      out.add(count ? String.format("%7d %s", n, previous) : previous);
    }
    print(io, out);
    return 0;
  }

  private static int headOrTail(List<String> args, Io io, boolean head) {
    String name = head ? "head" : "tail";
    int n = 10;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = null;
      if (a.equals("-n") && i + 1 < args.size()) {
        value = args.get(++i);
      } else if (a.startsWith("-n")) {
        value = a.substring(2);
      } else if (a.matches("-\\d+")) {
        value = a.substring(1);
      } else {
        io.err.append(name).append(": invalid option or file: ").append(a).append('\n');
        return 1;
      }
      if (!value.matches("\\d{1,9}")) {
        io.err.append(name).append(": invalid number of lines: '").append(value).append("'\n");
        return 1;
      }
      n = Integer.parseInt(value);
    }
    List<String> lines = lines(io.stdin);
    int size = lines.size();
    print(
        io,
        head ? lines.subList(0, Math.min(n, size)) : lines.subList(Math.max(0, size - n), size));
    return 0;
  }

  private static int wc(Shell shell, List<String> args, Io io) {
    if (args.equals(List.of("-l"))) {
      long newlines = io.stdin.chars().filter(c -> c == '\n').count();
      return line(io, String.valueOf(newlines));
    }
    if (args.equals(List.of("-c"))) {
      return line(io, String.valueOf(io.stdin.length()));
    }
    io.err.append("wc: only wc -l and wc -c are available in this simulated shell\n");
    return 1;
  }

  private static int cut(Shell shell, List<String> args, Io io) {
    String delimiter = "\t";
    String fields = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-d") && i + 1 < args.size()) {
        delimiter = args.get(++i);
      } else if (a.startsWith("-d")) {
        delimiter = a.substring(2);
      } else if (a.equals("-f") && i + 1 < args.size()) {
        fields = args.get(++i);
      } else if (a.startsWith("-f")) {
        fields = a.substring(2);
      } else {
        io.err.append("cut: invalid option: ").append(a).append('\n');
        return 1;
      }
    }
    if (delimiter.length() != 1) {
      io.err.append("cut: the delimiter must be a single character\n");
      return 1;
    }
    if (fields == null || !fields.matches("\\d{1,4}(-\\d{0,4})?(,\\d{1,4}(-\\d{0,4})?)*")) {
      io.err.append("cut: you must specify a list of bytes, characters, or fields\n");
      return 1;
    }
    List<int[]> ranges = new ArrayList<>();
    for (String f : fields.split(",")) {
      String[] ends = f.split("-", -1);
      int from = Integer.parseInt(ends[0]);
      int to =
          ends.length == 1
              ? from
              : ends[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(ends[1]);
      ranges.add(new int[] {from, to});
    }
    for (String l : lines(io.stdin)) {
      if (!l.contains(delimiter)) {
        io.out.append(l).append('\n');
        continue;
      }
      String[] parts = l.split(Pattern.quote(delimiter), -1);
      List<String> kept = new ArrayList<>();
      for (int i = 1; i <= parts.length; i++) {
        final int field = i;
        if (ranges.stream().anyMatch(r -> field >= r[0] && field <= r[1])) {
          kept.add(parts[i - 1]);
        }
      }
      io.out.append(String.join(delimiter, kept)).append('\n');
    }
    return 0;
  }

  private static final Pattern AWK_PRINT =
      Pattern.compile(
          "\\s*\\{\\s*print\\s*((\\$\\d{1,6}|NF|\\$NF)(\\s*,?\\s*(\\$\\d{1,6}|\\$NF))*)?\\s*;?\\s*}\\s*");

  private static int awk(Shell shell, List<String> args, Io io) {
    String separator = null;
    List<String> rest = new ArrayList<>(args);
    if (rest.size() >= 2 && rest.get(0).equals("-F")) {
      separator = rest.get(1);
      rest = rest.subList(2, rest.size());
    } else if (!rest.isEmpty() && rest.get(0).startsWith("-F")) {
      separator = rest.get(0).substring(2);
      rest = rest.subList(1, rest.size());
    }
    if (rest.size() != 1 || !AWK_PRINT.matcher(rest.get(0)).matches()) {
      io.err.append(
          "awk: only '{print $N[, $M...]}' programs (with -F) are available in this simulated"
              + " shell\n");
      return 2;
    }
    Matcher m = AWK_PRINT.matcher(rest.get(0));
    m.matches();
    String list = m.group(1);
    List<String> items =
        list == null ? List.of("$0") : Arrays.asList(list.trim().split("\\s*,\\s*|\\s+"));
    boolean commas = list != null && list.contains(",");
    for (String l : lines(io.stdin)) {
      String[] fields =
          separator == null ? l.trim().split("\\s+") : l.split(Pattern.quote(separator), -1);
      if (separator == null && l.isBlank()) {
        fields = new String[0];
      }
      List<String> values = new ArrayList<>();
      for (String item : items) {
        if (item.equals("$0")) {
          values.add(l);
        } else if (item.equals("NF")) {
          values.add(String.valueOf(fields.length));
        } else {
          int n = item.equals("$NF") ? fields.length : Integer.parseInt(item.substring(1));
          values.add(n == 0 ? l : n <= fields.length ? fields[n - 1] : "");
        }
      }
      io.out.append(String.join(commas ? " " : "", values)).append('\n');
    }
    return 0;
  }
}

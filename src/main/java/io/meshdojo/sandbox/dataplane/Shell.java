package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.dataplane.ShellSyntax.AndOr;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Command;
import io.meshdojo.sandbox.dataplane.ShellSyntax.ForLoop;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Literal;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Part;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Pipeline;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Redirect;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Sequence;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Simple;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Substitution;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Variable;
import io.meshdojo.sandbox.dataplane.ShellSyntax.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the tree {@link ShellSyntax} reads, with the programs a pod offers. Time is modelled, not
 * spent: {@code sleep} and requests advance {@link Budget}'s clock, and the budget cuts a command
 * that loops too often, runs too long or prints too much. One shell runs one command line.
 */
final class Shell {

  /** A program the pod has: reads {@code io.stdin}, writes to the streams, returns its status. */
  @FunctionalInterface
  interface Program {
    int run(Shell shell, List<String> args, Io io);
  }

  /** The streams of one command. */
  static final class Io {
    final String stdin;
    final StringBuilder out;
    final StringBuilder err;

    Io(String stdin, StringBuilder out, StringBuilder err) {
      this.stdin = stdin;
      this.out = out;
      this.err = err;
    }
  }

  /** Thrown when a limit is reached; the command stops there. */
  static final class LimitReached extends RuntimeException {
    LimitReached(String message) {
      super(message);
    }
  }

  /** What one command may use: loop iterations, modelled milliseconds, output characters. */
  static final class Budget {
    static final int MAX_ITERATIONS = 1000;
    static final long MAX_MODELLED_MS = 10_000;

    private final int maxOutput;
    private final StringBuilder terminal;
    private int iterations;
    private long elapsedMs;

    /**
     * @param terminal what the command prints in the end, cut at {@code maxOutput}; text between
     *     the commands of a pipe or in a substitution may be 16 times as long
     */
    Budget(int maxOutput, StringBuilder terminal) {
      this.maxOutput = maxOutput;
      this.terminal = terminal;
    }

    long elapsedMs() {
      return elapsedMs;
    }

    /** Milliseconds still available before the time limit. */
    long remainingMs() {
      return MAX_MODELLED_MS - elapsedMs;
    }

    void spend(long ms) {
      elapsedMs += ms;
      if (elapsedMs > MAX_MODELLED_MS) {
        elapsedMs = MAX_MODELLED_MS;
        throw new LimitReached(
            "meshdojo: command stopped after 10 s of modelled time (the simulated shell's limit"
                + " per command)");
      }
    }

    void iterate() {
      if (++iterations > MAX_ITERATIONS) {
        throw new LimitReached(
            "meshdojo: command stopped after "
                + MAX_ITERATIONS
                + " loop iterations (the simulated shell's limit per command)");
      }
    }

    void checkOutput(StringBuilder out) {
      int limit = out == terminal ? maxOutput : maxOutput * 16;
      if (out.length() > limit) {
        out.setLength(limit);
        throw new LimitReached(
            "meshdojo: output cut at " + (limit / 1024) + " KiB (the limit per command)");
      }
    }
  }

  private final Map<String, Program> programs;
  private final Map<String, String> variables;
  private final Budget budget;
  private int status;

  Shell(Map<String, Program> programs, Map<String, String> environment, Budget budget) {
    this.programs = programs;
    this.variables = new LinkedHashMap<>(environment);
    this.budget = budget;
  }

  Budget budget() {
    return budget;
  }

  /** The variables the shell exports (what {@code env} prints). */
  Map<String, String> environment() {
    return variables;
  }

  boolean hasProgram(String name) {
    return programs.containsKey(name);
  }

  /** Runs a script; returns its exit status. Syntax errors print dash's message and give 2. */
  int runScript(String script, Io io) {
    Sequence parsed;
    try {
      parsed = ShellSyntax.parse(script);
    } catch (ShellSyntax.SyntaxError e) {
      io.err.append("sh: 1: ").append(e.getMessage()).append('\n');
      return 2;
    }
    return run(parsed, io);
  }

  /** Runs one program with its arguments as they are (no shell reads them). */
  int runProgram(List<String> argv, Io io) {
    Program program = programs.get(argv.get(0));
    if (program == null) {
      io.err.append("sh: 1: ").append(argv.get(0)).append(": not found\n");
      return 127;
    }
    return program.run(this, argv.subList(1, argv.size()), io);
  }

  int run(Sequence sequence, Io io) {
    for (AndOr item : sequence.items()) {
      status = run(item, io);
    }
    return status;
  }

  private int run(AndOr andOr, Io io) {
    int result = run(andOr.pipelines().get(0), io);
    for (int i = 0; i < andOr.ops().size(); i++) {
      boolean and = andOr.ops().get(i).equals("&&");
      if ((result == 0) == and) {
        result = run(andOr.pipelines().get(i + 1), io);
      }
    }
    return result;
  }

  private int run(Pipeline pipeline, Io io) {
    String input = io.stdin;
    int result = 0;
    List<Command> commands = pipeline.commands();
    for (int i = 0; i < commands.size(); i++) {
      boolean last = i == commands.size() - 1;
      StringBuilder out = last ? io.out : new StringBuilder();
      result = run(commands.get(i), new Io(input, out, io.err));
      input = out.toString();
    }
    return result;
  }

  private int run(Command command, Io io) {
    if (command instanceof ForLoop loop) {
      int result = 0;
      for (String value : expand(loop.items())) {
        budget.iterate();
        variables.put(loop.variable(), value);
        result = run(loop.body(), io);
      }
      return result;
    }
    Simple simple = (Simple) command;
    List<String> argv = expand(simple.words());
    StringBuilder out = io.out;
    StringBuilder err = io.err;
    for (Redirect r : simple.redirects()) {
      String target = expandWord(r.target()).stream().findFirst().orElse("");
      StringBuilder stream;
      if (target.equals("&1")) {
        stream = out;
      } else if (target.equals("&2")) {
        stream = err;
      } else if (target.equals("/dev/null")) {
        stream = new StringBuilder();
      } else {
        io.err.append("sh: 1: cannot create ").append(target).append(": Read-only file system\n");
        return 2;
      }
      if (r.fd() == 1) {
        out = stream;
      } else {
        err = stream;
      }
    }
    int assignments = 0;
    while (assignments < argv.size()
        && argv.get(assignments).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      String a = argv.get(assignments++);
      variables.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    argv = argv.subList(assignments, argv.size());
    if (argv.isEmpty()) {
      return 0;
    }
    int result = runProgram(argv, new Io(io.stdin, out, err));
    status = result;
    budget.checkOutput(io.out);
    return result;
  }

  private List<String> expand(List<Word> words) {
    List<String> fields = new ArrayList<>();
    for (Word w : words) {
      fields.addAll(expandWord(w));
    }
    return fields;
  }

  /**
   * One word to its fields: quoted text stays whole, unquoted expansions are split on blanks, and a
   * word that expands to nothing unquoted disappears, as in sh.
   */
  private List<String> expandWord(Word word) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean any = false;
    for (Part part : word.parts()) {
      String value;
      boolean quoted;
      if (part instanceof Literal l) {
        current.append(l.text());
        any |= l.quoted() || !l.text().isEmpty();
        continue;
      } else if (part instanceof Variable v) {
        value = variable(v.name());
        quoted = v.quoted();
      } else {
        Substitution s = (Substitution) part;
        StringBuilder out = new StringBuilder();
        run(s.script(), new Io("", out, new StringBuilder()));
        value = out.toString().replaceAll("\n+$", "");
        quoted = s.quoted();
      }
      if (quoted) {
        current.append(value);
        any = true;
        continue;
      }
      String[] pieces = value.split("[ \t\n]+", -1);
      for (int i = 0; i < pieces.length; i++) {
        if (i > 0 && (any || !current.isEmpty())) {
          fields.add(current.toString());
          current.setLength(0);
          any = false;
        }
        current.append(pieces[i]);
        any |= !pieces[i].isEmpty();
      }
    }
    if (any || !current.isEmpty()) {
      fields.add(current.toString());
    }
    return fields;
  }

  private String variable(String name) {
    if (name.equals("?")) {
      return String.valueOf(status);
    }
    if (name.equals("0")) {
      return "sh";
    }
    if (name.equals("$")) {
      return "1";
    }
    return variables.getOrDefault(name, "");
  }
}

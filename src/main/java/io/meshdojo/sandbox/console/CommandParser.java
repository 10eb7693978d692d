package io.meshdojo.sandbox.console;

import io.meshdojo.sandbox.console.ConsoleRequest.Refusal;
import io.meshdojo.sandbox.console.KubectlCommand.Output;
import io.meshdojo.sandbox.console.KubectlCommand.Verb;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a console line as a kubectl command: the leading {@code kubectl} (or {@code k}) is
 * optional, flags follow kubectl's spelling ({@code -n bookinfo}, {@code -nbookinfo}, {@code
 * --namespace=bookinfo}, {@code -oyaml}), and mistakes get kubectl's own error text.
 */
public final class CommandParser {

  /** Longest line the console reads; kubectl commands typed by hand are far shorter. */
  public static final int MAX_LINE = 2048;

  /** Verbs real kubectl has that this console does not run (the learner's own kubectl does). */
  private static final Set<String> NOT_OFFERED =
      Set.of(
          "attach",
          "auth",
          "autoscale",
          "certificate",
          "cluster-info",
          "completion",
          "config",
          "cordon",
          "cp",
          "debug",
          "diff",
          "drain",
          "events",
          "expose",
          "kustomize",
          "plugin",
          "port-forward",
          "proxy",
          "replace",
          "run",
          "set",
          "taint",
          "top",
          "uncordon",
          "version",
          "wait",
          "api-versions");

  /**
   * One kubectl flag: its long name, its one-letter shorthand (or null) and whether it takes a
   * value.
   */
  private record Flag(String name, String shorthand, boolean takesValue) {}

  private static final Flag NAMESPACE = new Flag("namespace", "n", true);
  private static final Flag HELP = new Flag("help", "h", false);
  private static final Flag ALL = new Flag("all-namespaces", "A", false);
  private static final Flag OUTPUT = new Flag("output", "o", true);
  private static final Flag SELECTOR = new Flag("selector", "l", true);
  private static final Flag FILENAME = new Flag("filename", "f", true);
  private static final Flag WATCH = new Flag("watch", "w", false);
  private static final Flag SHOW_LABELS = new Flag("show-labels", null, false);
  private static final Flag CONTAINER = new Flag("container", "c", true);
  private static final Flag STDIN = new Flag("stdin", "i", false);
  private static final Flag TTY = new Flag("tty", "t", false);
  private static final Flag TAIL = new Flag("tail", null, true);
  private static final Flag SINCE = new Flag("since", null, true);
  private static final Flag FOLLOW = new Flag("follow", "f", false);
  private static final Flag REPLICAS = new Flag("replicas", null, true);
  private static final Flag OVERWRITE = new Flag("overwrite", null, false);
  private static final Flag IMAGE = new Flag("image", null, true);
  private static final Flag PATCH = new Flag("patch", "p", true);
  private static final Flag PATCH_TYPE = new Flag("type", null, true);

  /** kubectl's global flags, the only ones it takes before the verb. */
  private static final List<Flag> GLOBAL = List.of(NAMESPACE, HELP);

  private static final Map<Verb, List<Flag>> FLAGS =
      Map.ofEntries(
          Map.entry(Verb.GET, List.of(ALL, OUTPUT, SELECTOR, WATCH, SHOW_LABELS)),
          Map.entry(Verb.DESCRIBE, List.of(ALL, SELECTOR)),
          Map.entry(Verb.DELETE, List.of(FILENAME)),
          Map.entry(Verb.APPLY, List.of(FILENAME)),
          Map.entry(Verb.EXPLAIN, List.of()),
          Map.entry(Verb.API_RESOURCES, List.of()),
          Map.entry(Verb.EXEC, List.of(CONTAINER, STDIN, TTY)),
          Map.entry(Verb.LOGS, List.of(CONTAINER, TAIL, SINCE, FOLLOW)),
          Map.entry(Verb.ROLLOUT, List.of()),
          Map.entry(Verb.SCALE, List.of(REPLICAS)),
          Map.entry(Verb.LABEL, List.of(OVERWRITE)),
          Map.entry(Verb.ANNOTATE, List.of(OVERWRITE)),
          Map.entry(Verb.EDIT, List.of()),
          Map.entry(Verb.CREATE, List.of(FILENAME, IMAGE, REPLICAS)),
          Map.entry(Verb.PATCH, List.of(PATCH, PATCH_TYPE)));

  private CommandParser() {}

  public static ConsoleRequest parse(String line) {
    if (line.length() > MAX_LINE) {
      return new ConsoleRequest.Refused(Refusal.TOO_LONG, String.valueOf(MAX_LINE));
    }
    CommandTokenizer.Tokens tokens = CommandTokenizer.split(line);
    if (tokens instanceof CommandTokenizer.ShellFeature f) {
      return new ConsoleRequest.Refused(Refusal.SHELL_FEATURE, f.feature());
    }
    if (tokens instanceof CommandTokenizer.UnclosedQuote q) {
      return new ConsoleRequest.Refused(Refusal.UNCLOSED_QUOTE, String.valueOf(q.quote()));
    }
    List<String> words = ((CommandTokenizer.Words) tokens).words();
    if (words.isEmpty()) {
      return new ConsoleRequest.Blank();
    }
    String first = words.get(0);
    if (first.equals("clear") || first.equals("cls")) {
      return new ConsoleRequest.Clear();
    }
    if (first.equals("istioctl")) {
      return IstioctlParser.parse(words.subList(1, words.size()));
    }
    if (first.equals("helm")) {
      return HelmParser.parse(words.subList(1, words.size()));
    }
    boolean prefixed = first.equals("kubectl") || first.equals("k");
    List<String> rest = prefixed ? words.subList(1, words.size()) : words;
    int at;
    try {
      at = verbIndex(rest);
    } catch (FlagError e) {
      return new ConsoleRequest.Invalid(e.getMessage());
    }
    if (at < 0) {
      return new ConsoleRequest.Help();
    }
    String verbWord = rest.get(at);
    if (verbWord.equals("help")) {
      return new ConsoleRequest.Help();
    }
    Verb verb = verbOf(verbWord);
    if (verb == null) {
      if (NOT_OFFERED.contains(verbWord)) {
        return new ConsoleRequest.Refused(Refusal.VERB_NOT_OFFERED, verbWord);
      }
      if (!prefixed && at == 0) {
        return new ConsoleRequest.Refused(Refusal.NOT_KUBECTL, verbWord);
      }
      return new ConsoleRequest.Invalid(
          "error: unknown command \"" + verbWord + "\" for \"kubectl\"");
    }
    List<String> others = new ArrayList<>(rest.subList(0, at));
    others.addAll(rest.subList(at + 1, rest.size()));
    return parseVerb(verb, others);
  }

  /**
   * Where the verb is: the first word that is neither a global flag nor its value; -1 when there is
   * none or a global flag asks for help.
   */
  private static int verbIndex(List<String> words) throws FlagError {
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("--")) {
        return -1;
      }
      if (!word.startsWith("-") || word.equals("-")) {
        return i;
      }
      Flag flag = lookup(GLOBAL, word);
      if (flag == null) {
        throw new FlagError(unknownFlag(word));
      }
      if (flag == HELP) {
        return -1;
      }
      boolean attached = word.startsWith("--") ? word.contains("=") : word.length() > 2;
      if (!attached && i + 1 >= words.size()) {
        throw new FlagError(
            word.startsWith("--")
                ? "error: flag needs an argument: --" + flag.name()
                : "error: flag needs an argument: '"
                    + flag.shorthand()
                    + "' in -"
                    + flag.shorthand());
      }
      if (!attached) {
        i++;
      }
    }
    return -1;
  }

  /** The flag a word names among {@code flags}, or null. */
  private static Flag lookup(List<Flag> flags, String word) {
    String name =
        word.startsWith("--")
            ? word.substring(2).split("=", 2)[0]
            : word.length() > 1 ? word.substring(1, 2) : "";
    for (Flag f : flags) {
      if (word.startsWith("--") ? f.name().equals(name) : name.equals(f.shorthand())) {
        return f;
      }
    }
    return null;
  }

  private static String unknownFlag(String word) {
    return word.startsWith("--")
        ? "error: unknown flag: --" + word.substring(2).split("=", 2)[0]
        : "error: unknown shorthand flag: '" + word.charAt(1) + "' in " + word;
  }

  private static Verb verbOf(String word) {
    for (Verb v : Verb.values()) {
      if (v.word().equals(word)) {
        return v;
      }
    }
    return null;
  }

  /** A mistake in the flags, with kubectl's wording. */
  private static final class FlagError extends Exception {
    FlagError(String message) {
      super(message, null, false, false);
    }
  }

  private static ConsoleRequest parseVerb(Verb verb, List<String> words) {
    List<Flag> known = new ArrayList<>(GLOBAL);
    known.addAll(FLAGS.get(verb));
    List<String> args = new ArrayList<>();
    List<String> command = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    try {
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        if (word.equals("--")) {
          command.addAll(words.subList(i + 1, words.size()));
          break;
        }
        if (!word.startsWith("-") || word.equals("-")) {
          args.add(word);
        } else if (word.startsWith("--")) {
          i = longFlag(known, words, i, values);
        } else {
          i = shortFlags(known, words, i, values);
        }
      }
    } catch (FlagError e) {
      return new ConsoleRequest.Invalid(e.getMessage());
    }
    if ("true".equals(values.remove("help"))) {
      return new ConsoleRequest.Help();
    }
    String namespace = values.remove("namespace");
    boolean all = "true".equals(values.remove("all-namespaces"));
    String output = values.remove("output");
    String selector = values.remove("selector");
    String filename = values.remove("filename");
    String template = null;
    Output printer = printer(output);
    if (printer == null) {
      return new ConsoleRequest.Invalid(
          "error: unable to match a printer suitable for the output format \""
              + output
              + "\", allowed formats are: custom-columns,json,jsonpath,name,wide,yaml");
    }
    if (printer == Output.JSONPATH || printer == Output.CUSTOM_COLUMNS) {
      template = output.substring(output.indexOf('=') + 1);
    }
    if (filename != null && !filename.equals("-")) {
      return new ConsoleRequest.Refused(Refusal.FILE_NOT_OFFERED, filename);
    }
    if (namespace != null && namespace.isEmpty()) {
      return new ConsoleRequest.Invalid("error: a namespace must not be empty");
    }
    boolean stdin = filename != null;
    if (stdin && namespace != null) {
      // The documents name their namespaces (the sandbox's default namespace otherwise).
      return new ConsoleRequest.Invalid(
          "error: -n does not go with -f -: give each document its metadata.namespace");
    }
    if (verb == Verb.EXEC && (values.containsKey("stdin") || values.containsKey("tty"))) {
      return new ConsoleRequest.Refused(Refusal.INTERACTIVE, "exec");
    }
    ConsoleRequest problem =
        verb == Verb.EXEC
                || verb == Verb.LOGS
                || verb == Verb.ROLLOUT
                || verb == Verb.SCALE
                || verb == Verb.LABEL
                || verb == Verb.ANNOTATE
                || verb == Verb.EDIT
                || verb == Verb.CREATE
                || verb == Verb.PATCH
            ? KubectlArguments.check(verb, args, values, command, stdin)
            : checkArguments(verb, args, stdin);
    if (problem != null) {
      return problem;
    }
    return new ConsoleRequest.Run(
        new KubectlCommand(
            verb, args, namespace, all, printer, template, selector, stdin, values, command));
  }

  /** Reads {@code --name}, {@code --name=value} or {@code --name value}; returns the last index. */
  private static int longFlag(
      List<Flag> known, List<String> words, int i, Map<String, String> values) throws FlagError {
    String word = words.get(i);
    Flag flag = lookup(known, word);
    if (flag == null) {
      throw new FlagError(unknownFlag(word));
    }
    int eq = word.indexOf('=');
    String value = eq < 0 ? null : word.substring(eq + 1);
    if (flag.takesValue()) {
      if (value == null) {
        if (i + 1 >= words.size()) {
          throw new FlagError("error: flag needs an argument: --" + flag.name());
        }
        value = words.get(++i);
      }
    } else if (value == null) {
      value = "true";
    } else if (!value.equals("true") && !value.equals("false")) {
      throw new FlagError(
          "error: invalid argument \""
              + value
              + "\" for \"--"
              + flag.name()
              + "\" flag: strconv.ParseBool: parsing \""
              + value
              + "\": invalid syntax");
    }
    if (!value.equals("false")) {
      values.put(flag.name(), value);
    }
    return i;
  }

  /** Reads {@code -x}, {@code -xVALUE}, {@code -x=VALUE}, {@code -x VALUE} and {@code -abc}. */
  private static int shortFlags(
      List<Flag> known, List<String> words, int i, Map<String, String> values) throws FlagError {
    String word = words.get(i);
    for (int c = 1; c < word.length(); c++) {
      Flag flag = lookup(known, "-" + word.charAt(c));
      if (flag == null) {
        throw new FlagError("error: unknown shorthand flag: '" + word.charAt(c) + "' in " + word);
      }
      if (!flag.takesValue()) {
        values.put(flag.name(), "true");
        continue;
      }
      String attached = word.substring(c + 1);
      String value = attached.startsWith("=") ? attached.substring(1) : attached;
      if (value.isEmpty()) {
        if (i + 1 >= words.size()) {
          throw new FlagError(
              "error: flag needs an argument: '" + flag.shorthand() + "' in -" + flag.shorthand());
        }
        value = words.get(++i);
      }
      values.put(flag.name(), value);
      return i;
    }
    return i;
  }

  private static Output printer(String output) {
    if (output == null) {
      return Output.TABLE;
    }
    return switch (output.toLowerCase(Locale.ROOT)) {
      case "wide" -> Output.WIDE;
      case "yaml" -> Output.YAML;
      case "json" -> Output.JSON;
      case "name" -> Output.NAME;
      default ->
          output.startsWith("jsonpath=")
              ? Output.JSONPATH
              : output.startsWith("custom-columns=") ? Output.CUSTOM_COLUMNS : null;
    };
  }

  private static ConsoleRequest checkArguments(Verb verb, List<String> args, boolean stdin) {
    String missingType =
        "error: You must specify the type of resource to "
            + verb.word()
            + ". Type 'kubectl api-resources' for the types this sandbox serves.";
    return switch (verb) {
      case GET, DESCRIBE -> args.isEmpty() ? new ConsoleRequest.Invalid(missingType) : null;
      case EXPLAIN ->
          args.size() == 1
              ? null
              : new ConsoleRequest.Invalid(
                  args.isEmpty()
                      ? missingType
                      : "error: We accept only this format: explain RESOURCE");
      case APPLY ->
          stdin && args.isEmpty()
              ? null
              : new ConsoleRequest.Invalid(
                  stdin
                      ? "error: Unexpected args: " + args
                      : "error: must specify one of -f and -k");
      case DELETE -> {
        if (stdin) {
          yield args.isEmpty()
              ? null
              : new ConsoleRequest.Invalid(
                  "error: name resources either by argument or with -f, not both");
        }
        if (args.isEmpty()) {
          yield new ConsoleRequest.Invalid(
              "error: You must provide one or more resources by argument or filename.");
        }
        yield args.size() == 1 && !args.get(0).contains("/")
            ? new ConsoleRequest.Invalid(
                "error: resource(s) were provided, but no name was specified")
            : null;
      }
      case API_RESOURCES ->
          args.isEmpty()
              ? null
              : new ConsoleRequest.Invalid("error: unexpected arguments: " + args);
      default -> throw new IllegalStateException("KubectlArguments checks " + verb);
    };
  }
}

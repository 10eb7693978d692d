package io.meshdojo.sandbox.console;

import io.meshdojo.sandbox.console.ConsoleRequest.Refusal;
import io.meshdojo.sandbox.console.KubectlCommand.Output;
import io.meshdojo.sandbox.console.KubectlCommand.Verb;
import java.util.ArrayList;
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
          "annotate",
          "attach",
          "auth",
          "autoscale",
          "certificate",
          "cluster-info",
          "completion",
          "config",
          "cordon",
          "cp",
          "create",
          "debug",
          "diff",
          "drain",
          "edit",
          "events",
          "exec",
          "expose",
          "kustomize",
          "label",
          "logs",
          "patch",
          "plugin",
          "port-forward",
          "proxy",
          "replace",
          "rollout",
          "run",
          "scale",
          "set",
          "taint",
          "top",
          "uncordon",
          "version",
          "wait",
          "api-versions");

  /** Long flag → the flag's canonical short name; flags without a short name keep their own. */
  private static final Map<String, String> LONG =
      Map.of(
          "namespace", "n",
          "all-namespaces", "A",
          "output", "o",
          "selector", "l",
          "filename", "f",
          "help", "h");

  private static final Map<Verb, Set<String>> FLAGS =
      Map.of(
          Verb.GET, Set.of("n", "A", "o", "l", "h"),
          Verb.DESCRIBE, Set.of("n", "A", "l", "h"),
          Verb.DELETE, Set.of("n", "f", "h"),
          Verb.APPLY, Set.of("f", "h"),
          Verb.EXPLAIN, Set.of("h"),
          Verb.API_RESOURCES, Set.of("h"));

  private static final Set<String> TAKES_VALUE = Set.of("n", "o", "l", "f");

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
    boolean prefixed = first.equals("kubectl") || first.equals("k");
    List<String> rest = prefixed ? words.subList(1, words.size()) : words;
    if (rest.isEmpty() || List.of("help", "--help", "-h").contains(rest.get(0))) {
      return new ConsoleRequest.Help();
    }
    String verbWord = rest.get(0);
    Verb verb = verbOf(verbWord);
    if (verb == null) {
      if (NOT_OFFERED.contains(verbWord)) {
        return new ConsoleRequest.Refused(Refusal.VERB_NOT_OFFERED, verbWord);
      }
      if (!prefixed) {
        return new ConsoleRequest.Refused(Refusal.NOT_KUBECTL, verbWord);
      }
      return new ConsoleRequest.Invalid(
          "error: unknown command \"" + verbWord + "\" for \"kubectl\"");
    }
    return parseVerb(verb, rest.subList(1, rest.size()));
  }

  private static Verb verbOf(String word) {
    for (Verb v : Verb.values()) {
      if (v.word().equals(word)) {
        return v;
      }
    }
    return null;
  }

  private static ConsoleRequest parseVerb(Verb verb, List<String> words) {
    List<String> args = new ArrayList<>();
    String namespace = null;
    boolean all = false;
    String output = null;
    String selector = null;
    String filename = null;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!word.startsWith("-") || word.equals("-")) {
        args.add(word);
        continue;
      }
      String name;
      String value = null;
      if (word.startsWith("--")) {
        String body = word.substring(2);
        int eq = body.indexOf('=');
        String longName = eq < 0 ? body : body.substring(0, eq);
        value = eq < 0 ? null : body.substring(eq + 1);
        name = LONG.get(longName);
        if (name == null || !FLAGS.get(verb).contains(name)) {
          return new ConsoleRequest.Invalid("error: unknown flag: --" + longName);
        }
        if (value == null && TAKES_VALUE.contains(name)) {
          if (i + 1 >= words.size()) {
            return new ConsoleRequest.Invalid("error: flag needs an argument: --" + longName);
          }
          value = words.get(++i);
        }
      } else {
        name = word.substring(1, 2);
        if (!FLAGS.get(verb).contains(name)) {
          return new ConsoleRequest.Invalid(
              "error: unknown shorthand flag: '" + name + "' in " + word);
        }
        if (TAKES_VALUE.contains(name)) {
          String attached = word.substring(2);
          value = attached.startsWith("=") ? attached.substring(1) : attached;
          if (value.isEmpty()) {
            if (i + 1 >= words.size()) {
              return new ConsoleRequest.Invalid(
                  "error: flag needs an argument: '" + name + "' in -" + name);
            }
            value = words.get(++i);
          }
        } else if (word.length() > 2) {
          return new ConsoleRequest.Invalid(
              "error: unknown shorthand flag: '" + word.charAt(2) + "' in " + word);
        }
      }
      switch (name) {
        case "h" -> {
          return new ConsoleRequest.Help();
        }
        case "n" -> namespace = value;
        case "A" -> all = true;
        case "o" -> output = value;
        case "l" -> selector = value;
        case "f" -> filename = value;
        default -> throw new IllegalStateException("flag " + name);
      }
    }
    Output printer = printer(output);
    if (printer == null) {
      return new ConsoleRequest.Invalid(
          "error: unable to match a printer suitable for the output format \""
              + output
              + "\", allowed formats are: json,name,wide,yaml");
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
    ConsoleRequest problem = checkArguments(verb, args, stdin);
    if (problem != null) {
      return problem;
    }
    return new ConsoleRequest.Run(
        new KubectlCommand(verb, List.copyOf(args), namespace, all, printer, selector, stdin));
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
      default -> null;
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
    };
  }
}

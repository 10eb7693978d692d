package io.meshdojo.sandbox.console;

import io.meshdojo.sandbox.console.HelmCommand.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the words after {@code helm}: the actions the terminal's helm answers, their flags in
 * Helm's spelling, and Helm's own wording (exit code 1) for mistakes.
 */
final class HelmParser {

  private static final Map<String, Action> ACTIONS =
      Map.ofEntries(
          Map.entry("install", Action.INSTALL),
          Map.entry("upgrade", Action.UPGRADE),
          Map.entry("uninstall", Action.UNINSTALL),
          Map.entry("delete", Action.UNINSTALL),
          Map.entry("un", Action.UNINSTALL),
          Map.entry("rollback", Action.ROLLBACK),
          Map.entry("list", Action.LIST),
          Map.entry("ls", Action.LIST),
          Map.entry("status", Action.STATUS),
          Map.entry("version", Action.VERSION));

  /** Flags that take a value; the others are switches. */
  private static final Set<String> VALUED =
      Set.of("namespace", "n", "set", "values", "f", "version", "timeout");

  private static final Set<String> SWITCHES =
      Set.of(
          "all-namespaces",
          "A",
          "create-namespace",
          "install",
          "i",
          "reuse-values",
          "wait",
          "force-update",
          "help",
          "h");

  private HelmParser() {}

  static ConsoleRequest parse(List<String> words) {
    List<String> positional = new ArrayList<>();
    String namespace = null;
    String version = null;
    boolean all = false;
    boolean create = false;
    boolean install = false;
    boolean reuse = false;
    boolean fromEditor = false;
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!word.startsWith("-") || word.equals("-")) {
        positional.add(word);
        continue;
      }
      boolean longForm = word.startsWith("--");
      String name = longForm ? word.substring(2).split("=", 2)[0] : word.substring(1, 2);
      String attached =
          longForm
              ? (word.contains("=") ? word.substring(word.indexOf('=') + 1) : null)
              : (word.length() > 2 ? word.substring(2).replaceFirst("^=", "") : null);
      if (SWITCHES.contains(name)) {
        if (attached != null && !longForm) {
          return usage("Error: unknown shorthand flag: '" + word.charAt(2) + "' in " + word);
        }
        switch (name) {
          case "help", "h" -> {
            return new ConsoleRequest.Help();
          }
          case "all-namespaces", "A" -> all = true;
          case "create-namespace" -> create = true;
          case "install", "i" -> install = true;
          case "reuse-values" -> reuse = true;
          default -> {
            // --wait, --force-update: the sandbox's objects are ready as soon as written.
          }
        }
        continue;
      }
      if (!VALUED.contains(name)) {
        return usage(
            longForm
                ? "Error: unknown flag: --" + name
                : "Error: unknown shorthand flag: '" + name + "' in " + word);
      }
      String value = attached;
      if (value == null) {
        if (i + 1 >= words.size()) {
          return usage(
              "Error: flag needs an argument: "
                  + (longForm ? "--" + name : "'" + name + "' in " + word));
        }
        value = words.get(++i);
      }
      switch (name) {
        case "namespace", "n" -> namespace = value;
        case "version" -> version = value;
        case "set" -> sets.add(value);
        case "values", "f" -> {
          if (!value.equals("-")) {
            return new ConsoleRequest.Refused(ConsoleRequest.Refusal.FILE_NOT_OFFERED, value);
          }
          fromEditor = true;
        }
        default -> {
          // --timeout: nothing here takes time.
        }
      }
    }
    if (positional.isEmpty()) {
      return new ConsoleRequest.Help();
    }
    String first = positional.get(0);
    List<String> args = positional.subList(1, positional.size());
    Action action = ACTIONS.get(first);
    if (first.equals("repo")) {
      if (args.isEmpty()) {
        return usage("Error: requires a subcommand: add, list or update");
      }
      action =
          switch (args.get(0)) {
            case "add" -> Action.REPO_ADD;
            case "update", "up" -> Action.REPO_UPDATE;
            case "list", "ls" -> Action.REPO_LIST;
            default -> null;
          };
      if (action == null) {
        return usage("Error: unknown command \"" + args.get(0) + "\" for \"helm repo\"");
      }
      args = args.subList(1, args.size());
    }
    if (action == null) {
      return usage("Error: unknown command \"" + first + "\" for \"helm\"");
    }
    String problem = arguments(action, args);
    if (problem != null) {
      return usage(problem);
    }
    return new ConsoleRequest.Helm(
        new HelmCommand(
            action, args, namespace, all, create, install, reuse, fromEditor, sets, version));
  }

  private static String arguments(Action action, List<String> args) {
    int n = args.size();
    return switch (action) {
      case REPO_ADD -> n == 2 ? null : "Error: \"helm repo add\" requires 2 arguments";
      case INSTALL, UPGRADE ->
          n == 2
              ? null
              : "Error: \"helm "
                  + action.name().toLowerCase(java.util.Locale.ROOT)
                  + "\" requires 2 arguments";
      case UNINSTALL -> n >= 1 ? null : "Error: \"helm uninstall\" requires at least 1 argument";
      case STATUS -> n == 1 ? null : "Error: \"helm status\" requires 1 argument";
      case ROLLBACK ->
          n == 1 || n == 2 && args.get(1).matches("\\d{1,6}")
              ? null
              : "Error: \"helm rollback\" requires at least 1 argument (and a revision number)";
      case LIST, REPO_UPDATE, REPO_LIST, VERSION ->
          n == 0 ? null : "Error: unknown command \"" + args.get(0) + "\"";
    };
  }

  private static ConsoleRequest usage(String message) {
    return new ConsoleRequest.Invalid(message, 1);
  }
}

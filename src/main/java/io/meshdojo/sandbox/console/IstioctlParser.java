package io.meshdojo.sandbox.console;

import io.meshdojo.sandbox.console.IstioctlCommand.Sub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the words after {@code istioctl}: the sub-commands this console answers, their flags in
 * istioctl's spelling, and istioctl's own wording and exit code (64, incorrect usage) for mistakes.
 */
final class IstioctlParser {

  /** istioctl's exit code for a command it cannot parse. */
  static final int USAGE = 64;

  private static final Map<String, Sub> SUBS =
      Map.ofEntries(
          Map.entry("analyze", Sub.ANALYZE),
          Map.entry("proxy-status", Sub.PROXY_STATUS),
          Map.entry("ps", Sub.PROXY_STATUS),
          Map.entry("proxy-config", Sub.PROXY_CONFIG),
          Map.entry("pc", Sub.PROXY_CONFIG),
          Map.entry("version", Sub.VERSION),
          Map.entry("install", Sub.INSTALL),
          Map.entry("apply", Sub.INSTALL),
          Map.entry("uninstall", Sub.UNINSTALL),
          Map.entry("tag", Sub.TAG),
          Map.entry("precheck", Sub.PRECHECK));

  /** The sub-commands that take the install flags (-f, --set, --revision, -y, --overwrite). */
  private static final Set<Sub> INSTALLING = Set.of(Sub.INSTALL, Sub.UNINSTALL, Sub.TAG);

  /** At most this many --set flags on one line (the line's own length limit bounds them too). */
  static final int MAX_SETS = 32;

  /** What {@code proxy-config} synthesises (istioctl's other tables are not modelled). */
  static final Set<String> TABLES =
      Set.of(
          "routes",
          "route",
          "clusters",
          "cluster",
          "listeners",
          "listener",
          "endpoints",
          "endpoint");

  private static final Map<Sub, Set<String>> OUTPUTS =
      Map.of(
          Sub.ANALYZE, Set.of("log", "yaml", "json"),
          Sub.PROXY_CONFIG, Set.of("short", "json", "yaml"),
          Sub.VERSION, Set.of("short", "json", "yaml"));

  private IstioctlParser() {}

  static ConsoleRequest parse(List<String> words) {
    List<String> positional = new ArrayList<>();
    String namespace = null;
    String output = null;
    boolean all = false;
    boolean fromEditor = false;
    boolean yes = false;
    boolean overwrite = false;
    boolean installFlag = false;
    String revision = null;
    List<Map.Entry<String, String>> sets = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!word.startsWith("-") || word.equals("-")) {
        positional.add(word);
        continue;
      }
      String name = word.startsWith("--") ? word.substring(2).split("=", 2)[0] : word.substring(1);
      String attached =
          word.startsWith("--")
              ? (word.contains("=") ? word.substring(word.indexOf('=') + 1) : null)
              : null;
      switch (name.length() > 1 && !word.startsWith("--") ? name.substring(0, 1) : name) {
        case "h", "help" -> {
          return new ConsoleRequest.Help();
        }
        case "A", "all-namespaces" -> {
          if (!word.startsWith("--") && name.length() > 1) {
            return usage("Error: unknown shorthand flag: '" + name.charAt(1) + "' in " + word);
          }
          all = true;
        }
        case "y", "skip-confirmation", "overwrite" -> {
          if (!word.startsWith("--") && name.length() > 1) {
            return usage("Error: unknown shorthand flag: '" + name.charAt(1) + "' in " + word);
          }
          installFlag = true;
          if (name.equals("overwrite")) {
            overwrite = true;
          } else {
            yes = true;
          }
        }
        case "n", "namespace", "o", "output", "f", "filename", "set", "r", "revision" -> {
          String value = attached;
          if (value == null && !word.startsWith("--") && name.length() > 1) {
            value = name.substring(1).replaceFirst("^=", "");
          }
          if (value == null) {
            if (i + 1 >= words.size()) {
              return usage("Error: flag needs an argument: " + flagName(word));
            }
            value = words.get(++i);
          }
          if (name.startsWith("n")) {
            namespace = value;
            continue;
          }
          if (name.startsWith("o")) {
            output = value;
            continue;
          }
          installFlag = true;
          if (name.startsWith("f")) {
            if (!value.equals("-")) {
              return new ConsoleRequest.Refused(ConsoleRequest.Refusal.FILE_NOT_OFFERED, value);
            }
            fromEditor = true;
          } else if (name.startsWith("r")) {
            revision = value;
          } else {
            int eq = value.indexOf('=');
            if (eq <= 0) {
              return usage("Error: --set " + value + ": expected path=value");
            }
            if (sets.size() >= MAX_SETS) {
              return usage("Error: at most " + MAX_SETS + " --set flags");
            }
            sets.add(Map.entry(value.substring(0, eq), value.substring(eq + 1)));
          }
        }
        default -> {
          return usage(
              word.startsWith("--")
                  ? "Error: unknown flag: --" + name
                  : "Error: unknown shorthand flag: '" + name.charAt(0) + "' in " + word);
        }
      }
    }
    if (positional.isEmpty()) {
      return new ConsoleRequest.Help();
    }
    String first = positional.get(0);
    List<String> args = positional.subList(1, positional.size());
    Sub sub = SUBS.get(first);
    if ((first.equals("x") || first.equals("experimental"))
        && !args.isEmpty()
        && args.get(0).equals("describe")) {
      sub = Sub.DESCRIBE_POD;
      args = args.subList(1, args.size());
    }
    if ((first.equals("x") || first.equals("experimental"))
        && !args.isEmpty()
        && args.get(0).equals("precheck")) {
      sub = Sub.PRECHECK;
      args = args.subList(1, args.size());
    }
    if (sub == null) {
      return usage("Error: unknown command \"" + first + "\" for \"istioctl\"");
    }
    if (installFlag && !INSTALLING.contains(sub)) {
      return usage("Error: unknown flag: " + firstInstallFlag(words));
    }
    if (output != null && !OUTPUTS.getOrDefault(sub, Set.of()).contains(output)) {
      return usage("Error: unknown output format \"" + output + "\"");
    }
    ConsoleRequest problem = arguments(sub, args);
    return problem != null
        ? problem
        : new ConsoleRequest.Istioctl(
            new IstioctlCommand(
                sub,
                args,
                namespace,
                all,
                output,
                new IstioctlCommand.InstallFlags(fromEditor, sets, revision, yes, overwrite)));
  }

  private static String firstInstallFlag(List<String> words) {
    return words.stream()
        .filter(w -> w.matches("--?(f|filename|set|r|revision|y|skip-confirmation|overwrite)\\b.*"))
        .findFirst()
        .map(w -> w.split("=", 2)[0])
        .orElse("");
  }

  private static ConsoleRequest arguments(Sub sub, List<String> args) {
    return switch (sub) {
      case INSTALL, PRECHECK ->
          args.isEmpty()
              ? null
              : usage(
                  "Error: unknown command \""
                      + args.get(0)
                      + "\" for \"istioctl "
                      + sub.name().toLowerCase(java.util.Locale.ROOT)
                      + "\"");
      case UNINSTALL ->
          args.isEmpty()
              ? null
              : usage("Error: unknown command \"" + args.get(0) + "\" for \"istioctl uninstall\"");
      case TAG -> tagArguments(args);
      case ANALYZE ->
          args.isEmpty()
              ? null
              : new ConsoleRequest.Refused(ConsoleRequest.Refusal.FILE_NOT_OFFERED, args.get(0));
      case PROXY_STATUS -> args.size() <= 1 ? null : usage("Error: at most one pod name");
      case VERSION ->
          args.isEmpty()
              ? null
              : usage("Error: unknown command \"" + args.get(0) + "\" for \"istioctl version\"");
      case PROXY_CONFIG -> {
        if (args.isEmpty()) {
          yield usage(
              "Error: the proxy-config command needs a config type: clusters, endpoints, listeners or routes");
        }
        if (!TABLES.contains(args.get(0))) {
          yield usage(
              "Error: unknown command \"" + args.get(0) + "\" for \"istioctl proxy-config\"");
        }
        yield args.size() == 2
            ? null
            : usage("Error: " + args.get(0) + " requires pod name or --file parameter");
      }
      case DESCRIBE_POD ->
          args.size() == 2 && args.get(0).equals("pod")
                  || args.size() == 2 && args.get(0).equals("po")
              ? null
              : usage("Error: expecting pod name: istioctl x describe pod POD[.NAMESPACE]");
    };
  }

  private static ConsoleRequest tagArguments(List<String> args) {
    if (args.isEmpty() || !Set.of("set", "list", "remove").contains(args.get(0))) {
      return usage(
          "Error: istioctl tag needs a sub-command: set, list or remove"
              + (args.isEmpty() ? "" : " (not \"" + args.get(0) + "\")"));
    }
    if (args.get(0).equals("list")) {
      return args.size() == 1 ? null : usage("Error: tag list takes no arguments");
    }
    return args.size() == 2 ? null : usage("Error: must provide a tag for modification");
  }

  private static String flagName(String word) {
    return word.startsWith("--") ? word.split("=", 2)[0] : "'" + word.charAt(1) + "' in " + word;
  }

  private static ConsoleRequest usage(String message) {
    return new ConsoleRequest.Invalid(message, USAGE);
  }
}

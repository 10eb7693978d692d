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
      Map.of(
          "analyze", Sub.ANALYZE,
          "proxy-status", Sub.PROXY_STATUS,
          "ps", Sub.PROXY_STATUS,
          "proxy-config", Sub.PROXY_CONFIG,
          "pc", Sub.PROXY_CONFIG,
          "version", Sub.VERSION);

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
        case "n", "namespace", "o", "output" -> {
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
          } else {
            output = value;
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
    if (sub == null) {
      return usage("Error: unknown command \"" + first + "\" for \"istioctl\"");
    }
    if (output != null && !OUTPUTS.getOrDefault(sub, Set.of()).contains(output)) {
      return usage("Error: unknown output format \"" + output + "\"");
    }
    ConsoleRequest problem = arguments(sub, args);
    return problem != null
        ? problem
        : new ConsoleRequest.Istioctl(new IstioctlCommand(sub, args, namespace, all, output));
  }

  private static ConsoleRequest arguments(Sub sub, List<String> args) {
    return switch (sub) {
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

  private static String flagName(String word) {
    return word.startsWith("--") ? word.split("=", 2)[0] : "'" + word.charAt(1) + "' in " + word;
  }

  private static ConsoleRequest usage(String message) {
    return new ConsoleRequest.Invalid(message, USAGE);
  }
}

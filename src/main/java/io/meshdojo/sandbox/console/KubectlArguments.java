package io.meshdojo.sandbox.console;

import io.meshdojo.sandbox.console.ConsoleRequest.Invalid;
import io.meshdojo.sandbox.console.ConsoleRequest.Refusal;
import io.meshdojo.sandbox.console.KubectlCommand.Verb;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of the verbs that act on workloads and labels ({@code exec}, {@code logs}, {@code
 * rollout}, {@code scale}, {@code label}, {@code annotate}, {@code edit}, {@code create}, {@code
 * patch}), checked as kubectl checks them before it calls the server, with kubectl's error text.
 */
final class KubectlArguments {

  /** What {@code create} makes in this console (kubectl's other generators are not offered). */
  private static final Set<String> CREATE = Set.of("namespace", "ns", "deployment", "deploy");

  private KubectlArguments() {}

  /** The mistake, or null when the command is well formed. */
  static ConsoleRequest check(
      Verb verb,
      List<String> args,
      Map<String, String> options,
      List<String> command,
      boolean stdin) {
    return switch (verb) {
      case EXEC -> exec(args, command);
      case LOGS -> logs(args, options);
      case ROLLOUT -> rollout(args);
      case SCALE -> scale(args, options);
      case LABEL, ANNOTATE -> labels(verb, args);
      case EDIT ->
          args.isEmpty()
              ? new Invalid(
                  "error: You must provide one or more resources by argument or filename.")
              : null;
      case CREATE -> create(args, options, stdin);
      case PATCH -> patch(args, options);
      default -> throw new IllegalStateException("not a workload verb: " + verb);
    };
  }

  private static ConsoleRequest exec(List<String> args, List<String> command) {
    if (args.isEmpty()) {
      return new Invalid("error: pod, type/name or --filename must be specified");
    }
    if (args.size() > 1) {
      return new Invalid(
          "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND]"
              + " instead");
    }
    return command.isEmpty()
        ? new Invalid("error: you must specify at least one command for the container")
        : null;
  }

  private static ConsoleRequest logs(List<String> args, Map<String, String> options) {
    if (args.isEmpty() || args.size() > 2) {
      return new Invalid(
          "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
              + "POD or TYPE/NAME is a required argument for the logs command");
    }
    String tail = options.get("tail");
    if (tail != null && !tail.matches("-?[0-9]{1,9}")) {
      return new Invalid(
          "error: invalid argument \""
              + tail
              + "\" for \"--tail\" flag: parsing \""
              + tail
              + "\": invalid syntax");
    }
    String since = options.get("since");
    if (since != null && !since.matches("([0-9]+(ns|us|ms|s|m|h))+")) {
      return new Invalid(
          "error: invalid argument \""
              + since
              + "\" for \"--since\" flag: time: invalid duration \""
              + since
              + "\"");
    }
    return null;
  }

  private static ConsoleRequest patch(List<String> args, Map<String, String> options) {
    String type = options.get("type");
    if (type != null && !KubectlPatch.TYPES.containsKey(type)) {
      return new Invalid(
          "error: --type must be one of [json merge strategic], not \"" + type + "\"");
    }
    if (options.get("patch") == null) {
      return new Invalid(
          "error: must specify --patch or --patch-file containing the contents of the patch");
    }
    return args.isEmpty()
        ? new Invalid("error: You must provide one or more resources by argument or filename.")
        : null;
  }

  private static ConsoleRequest rollout(List<String> args) {
    if (args.isEmpty()) {
      return new Invalid("error: You must specify a subcommand: restart or status");
    }
    String sub = args.get(0);
    if (Set.of("history", "pause", "resume", "undo").contains(sub)) {
      return new ConsoleRequest.Refused(Refusal.VERB_NOT_OFFERED, "rollout " + sub);
    }
    if (!sub.equals("restart") && !sub.equals("status")) {
      return new Invalid("error: unknown command \"" + sub + "\" for \"kubectl rollout\"");
    }
    return args.size() < 2
        ? new Invalid("error: You must provide one or more resources by argument or filename.")
        : null;
  }

  private static ConsoleRequest scale(List<String> args, Map<String, String> options) {
    String replicas = options.get("replicas");
    if (replicas == null) {
      return new Invalid("error: required flag(s) \"replicas\" not set");
    }
    if (!replicas.matches("[0-9]{1,4}")) {
      return new Invalid(
          "error: invalid argument \""
              + replicas
              + "\" for \"--replicas\" flag: strconv.ParseInt:"
              + " parsing \""
              + replicas
              + "\": invalid syntax");
    }
    return args.isEmpty()
        ? new Invalid("error: You must provide one or more resources by argument or filename.")
        : null;
  }

  private static ConsoleRequest labels(Verb verb, List<String> args) {
    long changes = args.stream().filter(KubectlArguments::isChange).count();
    if (changes == 0) {
      return new Invalid(
          "error: at least one "
              + (verb == Verb.LABEL ? "label" : "annotation")
              + " update is required");
    }
    if (changes == args.size()) {
      return new Invalid(
          "error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    return null;
  }

  /** {@code key=value} or {@code key-}. */
  static boolean isChange(String arg) {
    // key- removes a key, prefixed ones too (istio.io/rev-); TYPE/NAME has no dot before its slash.
    boolean prefixedKey = arg.contains("/") && arg.substring(0, arg.indexOf('/')).contains(".");
    return arg.contains("=")
        || (arg.endsWith("-") && arg.length() > 1 && (!arg.contains("/") || prefixedKey));
  }

  private static ConsoleRequest create(
      List<String> args, Map<String, String> options, boolean stdin) {
    if (stdin) {
      return args.isEmpty() ? null : new Invalid("error: Unexpected args: " + args);
    }
    if (args.isEmpty()) {
      return new Invalid("error: must specify one of -f and -k");
    }
    if (!CREATE.contains(args.get(0))) {
      return new ConsoleRequest.Refused(Refusal.VERB_NOT_OFFERED, "create " + args.get(0));
    }
    if (args.size() != 2) {
      return new Invalid("error: exactly one NAME is required, got " + (args.size() - 1));
    }
    boolean deployment = args.get(0).startsWith("deploy");
    if (deployment && options.get("image") == null) {
      return new Invalid("error: required flag(s) \"image\" not set");
    }
    String replicas = options.get("replicas");
    if (replicas != null && !replicas.matches("[0-9]{1,4}")) {
      return new Invalid(
          "error: invalid argument \""
              + replicas
              + "\" for \"-r, --replicas\" flag: strconv.ParseInt:"
              + " parsing \""
              + replicas
              + "\": invalid syntax");
    }
    return null;
  }
}

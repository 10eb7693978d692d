package io.meshdojo.sandbox.console;

import java.util.List;
import java.util.Map;

/**
 * One kubectl command the restricted console runs.
 *
 * @param args the words after the verb that are not flags (types, names, {@code type/name}, {@code
 *     key=value}; for {@code rollout} and {@code create} the sub-command first)
 * @param namespace {@code -n}, or null for the sandbox's default namespace
 * @param template the {@code jsonpath=} or {@code custom-columns=} text of {@code -o}, or null
 * @param selector {@code -l}, or null
 * @param fromStdin {@code -f -}: the manifests come with the command (the editor's text)
 * @param options the verb's other flags by long name ({@code container}, {@code tail}, {@code
 *     replicas}, {@code overwrite}, {@code watch}…); a flag without a value holds {@code "true"}
 * @param command the words after {@code --} (the command {@code exec} runs)
 */
public record KubectlCommand(
    Verb verb,
    List<String> args,
    String namespace,
    boolean allNamespaces,
    Output output,
    String template,
    String selector,
    boolean fromStdin,
    Map<String, String> options,
    List<String> command) {

  public KubectlCommand {
    args = List.copyOf(args);
    options = Map.copyOf(options);
    command = List.copyOf(command);
  }

  /** A command with no options and nothing after {@code --}. */
  public KubectlCommand(
      Verb verb,
      List<String> args,
      String namespace,
      boolean allNamespaces,
      Output output,
      String selector,
      boolean fromStdin) {
    this(
        verb,
        args,
        namespace,
        allNamespaces,
        output,
        null,
        selector,
        fromStdin,
        Map.of(),
        List.of());
  }

  public boolean has(String option) {
    return "true".equals(options.get(option));
  }

  /** The option's value, or null when it was not given. */
  public String option(String option) {
    return options.get(option);
  }

  public enum Verb {
    GET("get"),
    DESCRIBE("describe"),
    DELETE("delete"),
    APPLY("apply"),
    EXPLAIN("explain"),
    API_RESOURCES("api-resources"),
    EXEC("exec"),
    LOGS("logs"),
    ROLLOUT("rollout"),
    SCALE("scale"),
    LABEL("label"),
    ANNOTATE("annotate"),
    EDIT("edit"),
    CREATE("create"),
    PATCH("patch");

    private final String word;

    Verb(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /** {@code -o}: the default table, or one of kubectl's printers. */
  public enum Output {
    TABLE,
    WIDE,
    YAML,
    JSON,
    NAME,
    JSONPATH,
    CUSTOM_COLUMNS
  }
}

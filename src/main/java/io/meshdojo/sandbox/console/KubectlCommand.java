package io.meshdojo.sandbox.console;

import java.util.List;

/**
 * One kubectl command the restricted console runs.
 *
 * @param args the words after the verb that are not flags (types, names, {@code type/name})
 * @param namespace {@code -n}, or null for the sandbox's default namespace
 * @param selector {@code -l}, or null
 * @param fromStdin {@code -f -}: the manifests come with the command (the editor's text)
 */
public record KubectlCommand(
    Verb verb,
    List<String> args,
    String namespace,
    boolean allNamespaces,
    Output output,
    String selector,
    boolean fromStdin) {

  public enum Verb {
    GET("get"),
    DESCRIBE("describe"),
    DELETE("delete"),
    APPLY("apply"),
    EXPLAIN("explain"),
    API_RESOURCES("api-resources");

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
    NAME
  }
}

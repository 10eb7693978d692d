package io.meshdojo.sandbox.console;

import java.util.List;

/**
 * One {@code helm} command the lab terminal answers against the embedded sandbox's objects.
 *
 * @param args the words after the action ({@code install}: release and chart; {@code repo add}:
 *     name and URL; {@code rollback}: release and, optionally, the revision)
 * @param namespace {@code -n}, or null for the sandbox's default namespace
 * @param sets each {@code --set} as written (Helm splits them at commas itself)
 * @param fromEditor {@code -f -} / {@code --values -}: the values are the editor's text
 * @param version {@code --version}, or null
 */
public record HelmCommand(
    Action action,
    List<String> args,
    String namespace,
    boolean allNamespaces,
    boolean createNamespace,
    boolean install,
    boolean reuseValues,
    boolean fromEditor,
    List<String> sets,
    String version) {

  public HelmCommand {
    args = List.copyOf(args);
    sets = List.copyOf(sets);
  }

  public enum Action {
    REPO_ADD,
    REPO_UPDATE,
    REPO_LIST,
    INSTALL,
    UPGRADE,
    UNINSTALL,
    ROLLBACK,
    LIST,
    STATUS,
    VERSION
  }
}

package io.meshdojo.sandbox.console;

import java.util.List;
import java.util.Map;

/**
 * One istioctl command the console answers from the sandbox's mesh model.
 *
 * @param args the words after the sub-command ({@code proxy-config}: the kind of table, then the
 *     pod; {@code x describe}: {@code pod} and the pod; {@code tag}: set, list or remove, then the
 *     tag)
 * @param namespace {@code -n}, or null for the sandbox's default namespace
 * @param output {@code -o}, or null for istioctl's default for the sub-command
 * @param install the flags of install, uninstall and tag
 */
public record IstioctlCommand(
    Sub sub,
    List<String> args,
    String namespace,
    boolean allNamespaces,
    String output,
    InstallFlags install) {

  public IstioctlCommand {
    args = List.copyOf(args);
  }

  public IstioctlCommand(
      Sub sub, List<String> args, String namespace, boolean allNamespaces, String output) {
    this(sub, args, namespace, allNamespaces, output, InstallFlags.NONE);
  }

  /**
   * @param fromEditor {@code -f -}: the IstioOperator is the editor's text
   * @param sets {@code --set path=value}, in order
   * @param revision {@code --revision} / {@code -r}, or null
   * @param yes {@code -y} / {@code --skip-confirmation}
   * @param overwrite {@code tag set --overwrite}
   */
  public record InstallFlags(
      boolean fromEditor,
      List<Map.Entry<String, String>> sets,
      String revision,
      boolean yes,
      boolean overwrite) {

    static final InstallFlags NONE = new InstallFlags(false, List.of(), null, false, false);

    public InstallFlags {
      sets = List.copyOf(sets);
    }
  }

  public enum Sub {
    ANALYZE,
    PROXY_STATUS,
    PROXY_CONFIG,
    DESCRIBE_POD,
    VERSION,
    INSTALL,
    UNINSTALL,
    TAG,
    PRECHECK
  }
}

package io.meshdojo.sandbox.console;

import java.util.List;

/**
 * One istioctl command the console answers from the sandbox's mesh model.
 *
 * @param args the words after the sub-command ({@code proxy-config}: the kind of table, then the
 *     pod; {@code x describe}: {@code pod} and the pod)
 * @param namespace {@code -n}, or null for the sandbox's default namespace
 * @param output {@code -o}, or null for istioctl's default for the sub-command
 */
public record IstioctlCommand(
    Sub sub, List<String> args, String namespace, boolean allNamespaces, String output) {

  public IstioctlCommand {
    args = List.copyOf(args);
  }

  public enum Sub {
    ANALYZE,
    PROXY_STATUS,
    PROXY_CONFIG,
    DESCRIBE_POD,
    VERSION
  }
}

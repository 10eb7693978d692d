package io.meshdojo.sandbox.kind;

import java.util.Map;

/**
 * One step of preparing a kind sandbox.
 *
 * @param name what the learner sees as progress
 * @param action what is done
 * @param target chart, manifest path, or {@code kind/name} to wait for
 * @param args the action's settings (namespace, version, repo, condition, timeout…)
 */
public record InstallStep(String name, Action action, String target, Map<String, String> args) {

  public enum Action {
    /** Start the kind node ({@code target}: node image). */
    CREATE_CLUSTER,
    /** {@code helm install} of a chart from a repository. */
    HELM_INSTALL,
    /** {@code kubectl apply} of a packaged manifest. */
    APPLY,
    /** {@code kubectl wait} for a condition. */
    WAIT
  }

  public String arg(String key) {
    return args.getOrDefault(key, "");
  }
}

package io.meshdojo.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The calls real traffic needs from a sandbox cluster, reached with the session's kubeconfig. */
public interface ProbeCluster {

  /** How a command in the toolbox ended: its exit code and what it printed. */
  record Exec(int exitCode, String out, String err) {}

  /**
   * Runs {@code argv} in the toolbox pod's shell container.
   *
   * @throws ProbeClusterException when the cluster cannot be reached, the pod is missing or the
   *     command outlives {@code timeout}
   */
  Exec execInToolbox(String kubeconfig, List<String> argv, Duration timeout);

  /** The labels of every pod in the cluster, by pod name. */
  Map<String, Map<String, String>> podLabels(String kubeconfig);

  /** A cluster call that did not complete. */
  class ProbeClusterException extends RuntimeException {
    public ProbeClusterException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

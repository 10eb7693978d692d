package io.meshdojo.sandbox.kubernetes;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this service can reach a host cluster's API: from inside a pod (its ServiceAccount) or
 * through a kubeconfig. fabric8 would otherwise fall back to a default address and fail only on the
 * first sandbox.
 */
final class HostClusterAccess {

  static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private HostClusterAccess() {}

  /**
   * Why the backend cannot serve: switched off, or no access to a host cluster; empty if it can.
   */
  static Optional<String> assess(
      boolean enabled, Map<String, String> env, Path home, Path serviceAccountToken) {
    if (!enabled) {
      return Optional.of("disabled (meshdojo.sandbox.kubernetes.enabled=false)");
    }
    return missing(env, home, serviceAccountToken);
  }

  /**
   * Why the host cluster cannot be reached, or empty when it can.
   *
   * @param env the process environment
   * @param home the user's home directory
   * @param serviceAccountToken where a pod's ServiceAccount token is mounted
   */
  static Optional<String> missing(Map<String, String> env, Path home, Path serviceAccountToken) {
    if (env.containsKey("KUBERNETES_SERVICE_HOST") && Files.isReadable(serviceAccountToken)) {
      return Optional.empty();
    }
    String kubeconfig = env.get("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      boolean any =
          Arrays.stream(kubeconfig.split(File.pathSeparator))
              .anyMatch(file -> !file.isBlank() && Files.isReadable(Path.of(file)));
      return any
          ? Optional.empty()
          : Optional.of("KUBECONFIG names no readable file: " + kubeconfig);
    }
    if (Files.isReadable(home.resolve(".kube").resolve("config"))) {
      return Optional.empty();
    }
    return Optional.of(
        "no host cluster access: not in a pod with a ServiceAccount, no KUBECONFIG, no"
            + " ~/.kube/config");
  }
}

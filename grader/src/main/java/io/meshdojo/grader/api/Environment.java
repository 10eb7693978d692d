package io.meshdojo.grader.api;

import java.util.List;

/**
 * A lab environment as {@code infra/environments/<name>.yaml} defines it: the one definition the
 * grader, the embedded sandbox and the kind installer all read.
 *
 * @param baseline manifest paths relative to {@code infra/environments/}, applied in order
 * @param calls which workload calls which while it answers (the grader's call graph, for latency)
 * @param istioRevision the revision the environment's Istio is installed as ("" for the default,
 *     unrevisioned install); the {@code default} tag points at it
 * @param istioUpgrades the Istio versions the environment's terminal (and toolbox) can install
 *     beside the running one, oldest first: its istioctl is the newest of them
 */
public record Environment(
    String name,
    String kubernetesVersion,
    String kindNodeImage,
    String istioVersion,
    String istioProfile,
    List<Addon> addons,
    String defaultNamespace,
    List<String> baseline,
    List<Call> calls,
    String istioRevision,
    List<String> istioUpgrades) {

  public record Addon(String name, String version) {}

  /**
   * {@code from} (ns/workload) calls {@code host:port} at {@code path} while it answers a request,
   * forwarding its headers and waiting at most {@code timeoutMs} (the application's own timeout, 0:
   * none).
   */
  public record Call(String from, String host, int port, String path, long timeoutMs) {}

  /** An environment of one unrevisioned Istio install that offers no upgrade. */
  public Environment(
      String name,
      String kubernetesVersion,
      String kindNodeImage,
      String istioVersion,
      String istioProfile,
      List<Addon> addons,
      String defaultNamespace,
      List<String> baseline,
      List<Call> calls) {
    this(
        name,
        kubernetesVersion,
        kindNodeImage,
        istioVersion,
        istioProfile,
        addons,
        defaultNamespace,
        baseline,
        calls,
        "",
        List.of());
  }

  /** {@code 26} of Istio {@code 1.26.3}. */
  public int istioMinor() {
    return minor(istioVersion);
  }

  /**
   * The version of the environment's istioctl (the terminal's, the toolbox's): the newest upgrade
   * it offers, else the installed version.
   */
  public String istioctlVersion() {
    return istioUpgrades.isEmpty() ? istioVersion : istioUpgrades.get(istioUpgrades.size() - 1);
  }

  /** {@code 32} of Kubernetes {@code v1.32.0}. */
  public int kubernetesMinor() {
    return minor(kubernetesVersion);
  }

  static int minor(String version) {
    String[] parts = version.replaceFirst("^v", "").split("\\.");
    if (parts.length < 2 || !parts[1].matches("\\d{1,4}")) {
      throw new IllegalStateException("not a version: " + version);
    }
    return Integer.parseInt(parts[1]);
  }
}

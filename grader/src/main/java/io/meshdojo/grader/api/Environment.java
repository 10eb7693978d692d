package io.meshdojo.grader.api;

import java.util.List;

/**
 * A lab environment as {@code infra/environments/<name>.yaml} defines it: the one definition the
 * grader, the embedded sandbox and the kind installer all read.
 *
 * @param baseline manifest paths relative to {@code infra/environments/}, applied in order
 */
public record Environment(
    String name,
    String kubernetesVersion,
    String kindNodeImage,
    String istioVersion,
    String istioProfile,
    List<Addon> addons,
    String defaultNamespace,
    List<String> baseline) {

  public record Addon(String name, String version) {}

  /** {@code 26} of Istio {@code 1.26.3}. */
  public int istioMinor() {
    return minor(istioVersion);
  }

  /** {@code 32} of Kubernetes {@code v1.32.0}. */
  public int kubernetesMinor() {
    return minor(kubernetesVersion);
  }

  private static int minor(String version) {
    String[] parts = version.replaceFirst("^v", "").split("\\.");
    if (parts.length < 2 || !parts[1].matches("\\d{1,4}")) {
      throw new IllegalStateException("not a version: " + version);
    }
    return Integer.parseInt(parts[1]);
  }
}

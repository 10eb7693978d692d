package io.meshdojo.sandbox;

import java.util.List;

/**
 * A lab environment as described in {@code infra/environments/<name>.yaml}.
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

  /** {@code 1.32} of {@code v1.32.2}. */
  public String kubernetesMinor() {
    String[] parts = kubernetesVersion.replaceFirst("^v", "").split("\\.");
    return parts.length > 1 ? parts[1] : "0";
  }
}

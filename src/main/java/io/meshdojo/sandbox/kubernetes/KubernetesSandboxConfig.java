package io.meshdojo.sandbox.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kubernetes} backend's settings, under {@code meshdojo.sandbox.kubernetes}: where on
 * the host cluster the sandbox pods run, how many wait warm, and what each one is.
 */
@ConfigMapping(prefix = "meshdojo.sandbox.kubernetes")
public interface KubernetesSandboxConfig {

  /** Off by default: the backend reports itself unavailable and the embedded one serves. */
  @WithDefault("false")
  boolean enabled();

  /** The host cluster's namespace the sandbox pods, their Secrets and Services live in. */
  @WithDefault("meshdojo-sandboxes")
  String namespace();

  /** Warm pods to keep ready per environment, e.g. {@code warm-pool.bookinfo=2}; default 0. */
  Map<String, Integer> warmPool();

  /**
   * The k3s image repository; the tag follows the environment's Kubernetes version ({@code v1.32.0}
   * becomes {@code v1.32.0-k3s1}).
   */
  @WithDefault("docker.io/rancher/k3s")
  String imageRepository();

  /** The k3s release suffix of the tag. */
  @WithDefault("-k3s1")
  String imageTagSuffix();

  /** CPU the scheduler reserves for each sandbox pod. */
  @WithDefault("1")
  String cpuRequest();

  /** Memory the scheduler reserves for each sandbox pod, and its limit. */
  @WithDefault("2Gi")
  String memory();

  /**
   * A RuntimeClass that isolates the privileged pod from its node (e.g. {@code sysbox-runc} or
   * {@code kata}), where the host cluster offers one.
   */
  Optional<String> runtimeClass();

  /**
   * Node labels the sandbox pods must land on, e.g. {@code node-selector."meshdojo.io/sandboxes"=
   * "true"}: keep them on a dedicated node pool, apart from other workloads.
   */
  Map<String, String> nodeSelector();

  /** The ServiceAccount of the sandbox pods, allowed to create Secrets in the namespace. */
  @WithDefault("meshdojo-sandbox")
  String serviceAccount();
}

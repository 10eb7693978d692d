package io.meshdojo.sandbox.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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

  /**
   * How long a sandbox pod's baseline install (Istio, add-ons, toolbox, baseline apps) may run; one
   * that runs longer (its replica stopped) counts as failed, and a warm pod is then replaced.
   */
  @WithDefault("20m")
  Duration installTimeout();

  /** Baseline installs one replica runs at once (each runs kubectl and helm processes). */
  @WithDefault("4")
  int parallelInstalls();

  /**
   * Whether labs that make the learner the inner cluster's admin ({@code learnerAccess:
   * cluster-admin}) run on this backend. The inner cluster runs in a privileged pod, so its admin
   * can reach the node: turn on only where a runtime class isolates the pods. Off, those labs run
   * embedded.
   */
  @WithDefault("false")
  boolean clusterAdminLabs();

  /** The Service in front of each held sandbox pod, through which learners reach its cluster. */
  LearnerService learnerService();

  /** The learner's way into a sandbox pod's inner cluster. */
  interface LearnerService {

    /**
     * {@code LoadBalancer} (its address, from the host cluster's load balancer), {@code NodePort}
     * (at {@code external-host}, a node or a proxy in front of the nodes) or {@code ClusterIP}
     * (learners inside the host cluster's network, or through {@code external-host}).
     */
    @WithDefault("LoadBalancer")
    String type();

    /**
     * The host name or address learners dial instead of the Service's own; required with {@code
     * NodePort}.
     */
    Optional<String> externalHost();

    /** Annotations of each Service, e.g. a cloud's internal load balancer switch. */
    Map<String, String> annotations();
  }
}

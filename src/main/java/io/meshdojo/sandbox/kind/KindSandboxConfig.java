package io.meshdojo.sandbox.kind;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The kind backend's settings, under {@code meshdojo.sandbox.kind}. Kept in this package (not in
 * {@code MeshDojoConfig}) so the backend stays self-contained.
 */
@ConfigMapping(prefix = "meshdojo.sandbox.kind")
public interface KindSandboxConfig {

  /** Off: the backend reports itself unavailable without looking for Docker. */
  @WithDefault("true")
  boolean enabled();

  /**
   * An operator's own copy of {@code infra/} (kind/, istio/, toolbox/ ...: charts' values and
   * manifests, e.g. pointing at a mirror) to install from. Unset, the backend installs from the
   * files packaged in the jar. The environments' versions always come from the packaged
   * definitions, which the embedded backend and the grader read too.
   */
  Optional<String> infraDir();

  /**
   * The address learners reach this host's Docker engine at (a host name or IP): the kubeconfig a
   * learner downloads points at it, with the cluster's API port. Unset, it is the Docker host as
   * this service sees it ({@code localhost} for a local engine), which only serves learners on this
   * machine.
   */
  Optional<String> externalHost();

  /**
   * Whether labs that install, upgrade or repair Istio itself ({@code learnerAccess: cluster-admin}
   * in lab.yaml) run on kind. Their learner administers the sandbox cluster, and with it can start
   * a privileged pod on the kind node, a container of this host's Docker engine: turn this on only
   * where nodes are isolated from the host (Sysbox, a VM per node; docs/security.md). Off, those
   * labs use the embedded sandbox.
   */
  @WithDefault("false")
  boolean clusterAdminLabs();

  /**
   * How long creating a cluster may take: a cluster still being created after this long was left by
   * a replica that stopped, and is given up (the learner's sandbox fails with a reason).
   */
  @WithDefault("30M")
  Duration creationTimeout();

  /** Warm clusters to keep ready per environment, e.g. {@code warm-pool.bookinfo=2}; default 0. */
  Map<String, Integer> warmPool();

  /**
   * Clusters this host may run at once; by default one per memory-per-cluster beyond the reserve.
   */
  Optional<Integer> maxClusters();

  /** Memory one sandbox cluster needs, for the default of max-clusters. */
  @WithDefault("3G")
  MemorySize memoryPerCluster();

  /** Memory left to the service, its database and the system, for the default of max-clusters. */
  @WithDefault("4G")
  MemorySize memoryReserve();

  /** Requests that may wait for a free slot; beyond it requests are refused. */
  @WithDefault("20")
  int queueCapacity();

  /** A lease's lifetime from the moment its cluster is ready. */
  @WithDefault("2H")
  Duration ttl();

  /** The most a lease can be extended to, counted from its grant. */
  @WithDefault("8H")
  Duration maxLifetime();

  /** A lease without activity for this long is ended. */
  @WithDefault("30M")
  Duration idleTimeout();

  /** How often expired and idle leases are looked for. */
  @WithDefault("1M")
  Duration reapInterval();
}

package io.meshdojo.grader.mesh;

import java.util.Map;

/**
 * A set of identical pods: a Deployment (or a bare Pod). {@code sidecar} says whether its pods run
 * an Istio proxy; gateways count as proxies.
 */
public record Workload(
    String namespace,
    String name,
    Map<String, String> labels,
    String serviceAccount,
    int replicas,
    boolean sidecar) {

  /** {@code "namespace/name"}. */
  public String id() {
    return namespace + "/" + name;
  }

  /** SPIFFE-style principal as AuthorizationPolicy sees it. */
  public String principal() {
    return "cluster.local/ns/" + namespace + "/sa/" + serviceAccount;
  }

  /**
   * A destination outside the mesh (a ServiceEntry host without workloads, or a host let out by
   * ALLOW_ANY): no namespace, named by its host, labelled {@code host}.
   */
  public static Workload outside(String host) {
    return new Workload("", host, Map.of("host", host), "", 1, false);
  }

  /** Whether this stands for a destination outside the mesh. */
  public boolean external() {
    return namespace.isEmpty();
  }

  /** The {@code version} label, or the name when there is none. */
  public String version() {
    return labels.getOrDefault("version", name);
  }

  public boolean matches(Map<String, String> selector) {
    if (selector == null) {
      return true;
    }
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}

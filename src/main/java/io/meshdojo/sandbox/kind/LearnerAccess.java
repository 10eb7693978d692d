package io.meshdojo.sandbox.kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a learner may do in a kind sandbox, as Kubernetes objects: a ServiceAccount in the learner's
 * namespace, bound in each namespace a lab works in to the learner's ClusterRole ({@code
 * infra/toolbox/rbac.yaml}), and to the built-in {@code view} role in Istio's namespace so the
 * control plane and gateway can be looked at but not changed. Only RoleBindings: nothing
 * cluster-wide, so the learner's kubeconfig is not the cluster's admin one.
 *
 * @param namespace where the ServiceAccount lives, and the kubeconfig's default namespace
 * @param editable namespaces the learner works in
 * @param readable namespaces the learner may only read
 */
public record LearnerAccess(String namespace, List<String> editable, List<String> readable) {

  /** The learner's ServiceAccount, in {@link #namespace}. */
  public static final String SERVICE_ACCOUNT = "learner";

  /** The ClusterRole granted in the editable namespaces, defined in infra/toolbox/rbac.yaml. */
  public static final String LEARNER_ROLE = "meshdojo-learner";

  /** Kubernetes' built-in read-only role. */
  public static final String VIEW_ROLE = "view";

  public LearnerAccess {
    editable = List.copyOf(editable);
    readable = List.copyOf(readable);
  }

  /**
   * The learner's access in a sandbox of {@code install}: the baseline's namespace (home) and each
   * Aeraki demo's namespace to work in, Istio's namespace to read.
   */
  public static LearnerAccess of(KindInstall install) {
    Set<String> editable = new LinkedHashSet<>();
    editable.add(install.baseline().namespace());
    if (install.aeraki() != null) {
      install.aeraki().demos().forEach(d -> editable.add(d.namespace()));
    }
    Set<String> readable = new LinkedHashSet<>();
    readable.add(install.istio().istiod().namespace());
    readable.add(install.istio().gateway().namespace());
    readable.removeAll(editable);
    return new LearnerAccess(
        install.baseline().namespace(), List.copyOf(editable), List.copyOf(readable));
  }

  /** The ServiceAccount, then one RoleBinding per namespace; applied in this order. */
  public List<Map<String, Object>> manifests() {
    List<Map<String, Object>> objects = new ArrayList<>();
    objects.add(
        Map.of(
            "apiVersion", "v1",
            "kind", "ServiceAccount",
            "metadata", Map.of("name", SERVICE_ACCOUNT, "namespace", namespace)));
    for (String ns : editable) {
      objects.add(roleBinding(ns, LEARNER_ROLE));
    }
    for (String ns : readable) {
      objects.add(roleBinding(ns, VIEW_ROLE));
    }
    return objects;
  }

  private Map<String, Object> roleBinding(String in, String clusterRole) {
    return Map.of(
        "apiVersion", "rbac.authorization.k8s.io/v1",
        "kind", "RoleBinding",
        "metadata",
            Map.of("name", "meshdojo-" + SERVICE_ACCOUNT + "-" + clusterRole, "namespace", in),
        "roleRef",
            Map.of(
                "apiGroup",
                "rbac.authorization.k8s.io",
                "kind",
                "ClusterRole",
                "name",
                clusterRole),
        "subjects",
            List.of(
                Map.of("kind", "ServiceAccount", "name", SERVICE_ACCOUNT, "namespace", namespace)));
  }
}

package io.meshdojo.sandbox.kind;

import io.meshdojo.sandbox.LearnerRights;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a learner may do in a real-cluster sandbox (a kind cluster, or a kubernetes backend's pod),
 * as Kubernetes objects: a ServiceAccount in the learner's namespace, bound in each namespace a lab
 * works in to the learner's ClusterRole ({@code infra/toolbox/rbac.yaml}), and to the built-in
 * {@code view} role in Istio's namespace so the control plane and gateway can be looked at but not
 * changed; plus the labels of the namespaces worked in (a namespace is a cluster-wide object, so
 * this one grant names them one by one). Nothing else cluster-wide, so the learner's kubeconfig is
 * not the cluster's admin one, unless the lab installs or repairs Istio itself ({@code
 * clusterAdmin}): then the learner's and the toolbox's ServiceAccounts are the sandbox cluster's
 * admins, which kind only allows when the operator said so ({@link
 * KindSandboxConfig#clusterAdminLabs()}).
 *
 * @param namespace where the ServiceAccount lives, and the kubeconfig's default namespace
 * @param editable namespaces the learner works in
 * @param readable namespaces the learner may only read
 * @param clusterAdmin the learner administers the whole sandbox cluster
 */
public record LearnerAccess(
    String namespace, List<String> editable, List<String> readable, boolean clusterAdmin) {

  private static final String RBAC = "rbac.authorization.k8s.io";

  /** The learner's ServiceAccount, in {@link #namespace}. */
  public static final String SERVICE_ACCOUNT = "learner";

  /** The ClusterRole granted in the editable namespaces, defined in infra/toolbox/rbac.yaml. */
  public static final String LEARNER_ROLE = "meshdojo-learner";

  /** Kubernetes' built-in read-only role. */
  public static final String VIEW_ROLE = "view";

  /** Kubernetes' built-in role of the cluster's administrators. */
  public static final String CLUSTER_ADMIN_ROLE = "cluster-admin";

  /** The ClusterRole and binding that let the learner label the namespaces worked in. */
  static final String NAMESPACE_LABELS = "meshdojo-learner-namespaces";

  public LearnerAccess {
    editable = List.copyOf(editable);
    readable = List.copyOf(readable);
  }

  /** The learner's access to an environment's own namespaces. */
  public static LearnerAccess of(KindInstall install) {
    return of(install, LearnerRights.ENVIRONMENT_ONLY);
  }

  /**
   * The learner's access in a sandbox of {@code install} for a lab needing {@code rights}: the
   * baseline's namespace (home), each Aeraki demo's namespace and every namespace of the lab's
   * setup to work in, Istio's namespaces to read unless the lab works in them.
   */
  public static LearnerAccess of(KindInstall install, LearnerRights rights) {
    Set<String> editable = new LinkedHashSet<>();
    editable.add(install.baseline().namespace());
    if (install.aeraki() != null) {
      install.aeraki().demos().forEach(d -> editable.add(d.namespace()));
    }
    editable.addAll(rights.namespaces());
    Set<String> readable = new LinkedHashSet<>();
    readable.add(install.istio().istiod().namespace());
    readable.add(install.istio().gateway().namespace());
    readable.removeAll(editable);
    return new LearnerAccess(
        install.baseline().namespace(),
        List.copyOf(editable),
        List.copyOf(readable),
        rights.clusterAdmin());
  }

  /**
   * The ServiceAccount, one RoleBinding per namespace, the namespaces' labels, and the cluster's
   * admin binding where granted; applied in this order.
   */
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
    objects.add(
        Map.of(
            "apiVersion",
            RBAC + "/v1",
            "kind",
            "ClusterRole",
            "metadata",
            Map.of("name", NAMESPACE_LABELS),
            "rules",
            List.of(
                Map.of(
                    "apiGroups", List.of(""),
                    "resources", List.of("namespaces"),
                    "resourceNames", editable,
                    "verbs", List.of("get", "patch", "update")))));
    objects.add(clusterRoleBinding(NAMESPACE_LABELS, NAMESPACE_LABELS, List.of(learner())));
    if (clusterAdmin) {
      objects.add(
          clusterRoleBinding(
              "meshdojo-learner-cluster-admin",
              CLUSTER_ADMIN_ROLE,
              List.of(
                  learner(),
                  serviceAccount(
                      KindSandboxLabels.TOOLBOX_NAMESPACE,
                      KindSandboxLabels.TOOLBOX_SERVICE_ACCOUNT))));
    }
    return objects;
  }

  private Map<String, Object> learner() {
    return serviceAccount(namespace, SERVICE_ACCOUNT);
  }

  private static Map<String, Object> serviceAccount(String in, String name) {
    return Map.of("kind", "ServiceAccount", "name", name, "namespace", in);
  }

  private static Map<String, Object> clusterRoleBinding(
      String name, String clusterRole, List<Map<String, Object>> subjects) {
    return Map.of(
        "apiVersion",
        RBAC + "/v1",
        "kind",
        "ClusterRoleBinding",
        "metadata",
        Map.of("name", name),
        "roleRef",
        Map.of("apiGroup", RBAC, "kind", "ClusterRole", "name", clusterRole),
        "subjects",
        subjects);
  }

  private Map<String, Object> roleBinding(String in, String clusterRole) {
    return Map.of(
        "apiVersion", RBAC + "/v1",
        "kind", "RoleBinding",
        "metadata",
            Map.of("name", "meshdojo-" + SERVICE_ACCOUNT + "-" + clusterRole, "namespace", in),
        "roleRef", Map.of("apiGroup", RBAC, "kind", "ClusterRole", "name", clusterRole),
        "subjects", List.of(learner()));
  }
}

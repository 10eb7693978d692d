package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a lab (or exam attempt) needs the learner to be allowed to change in a real-cluster sandbox,
 * beyond the environment's own work namespaces: the namespaces its setup touches, and whether it
 * needs the whole cluster because it installs, upgrades or repairs Istio itself. Backend-neutral: a
 * backend turns it into its own access objects, or ignores it (the embedded sandbox checks no
 * RBAC).
 */
public record LearnerRights(List<String> namespaces, boolean clusterAdmin) {

  /** Nothing beyond the environment's own namespaces. */
  public static final LearnerRights ENVIRONMENT_ONLY = new LearnerRights(List.of(), false);

  public LearnerRights {
    namespaces = List.copyOf(namespaces);
  }

  /**
   * The rights a setup calls for: every namespace one of its objects lives in or creates, in the
   * setup's order, and the whole cluster when {@code clusterAdmin}.
   */
  public static LearnerRights of(List<ObjectNode> setup, boolean clusterAdmin) {
    Set<String> namespaces = new LinkedHashSet<>();
    for (ObjectNode object : setup) {
      String namespace = object.path("metadata").path("namespace").asText("");
      if (!namespace.isEmpty()) {
        namespaces.add(namespace);
      } else if ("Namespace".equals(object.path("kind").asText())) {
        namespaces.add(object.path("metadata").path("name").asText());
      }
    }
    namespaces.remove("");
    return new LearnerRights(List.copyOf(namespaces), clusterAdmin);
  }

  /**
   * Why a real-cluster backend declines these rights: a cluster's admin can start a privileged pod
   * and so reach the node, so labs that need it run there only where the operator turned on the
   * backend's {@code setting}; empty when they may run.
   */
  public Optional<String> declinedUnless(boolean clusterAdminAllowed, String setting) {
    return clusterAdmin && !clusterAdminAllowed
        ? Optional.of(
            "the lab needs the sandbox cluster's admin rights, which this backend hands out only"
                + " with "
                + setting
                + "=true (see docs/security.md)")
        : Optional.empty();
  }
}

package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the browser workspace does to a sandbox: through the embedded object store ({@link
 * EmbeddedWorkspace}) or through a cluster's API ({@link KindWorkspace}). Callers have already
 * checked that the session is the learner's and READY; implementations refuse with {@link
 * WorkspaceRefusal}.
 */
public interface SandboxWorkspace {

  /**
   * Makes the object in the sandbox what the document says.
   *
   * @return {@code created}, {@code configured} or {@code unchanged}, with the server's warnings
   */
  Written apply(SandboxAccess sandbox, ObjectNode object);

  void delete(SandboxAccess sandbox, ObjectRef object);

  /** Every object the learner can see, in no particular order. */
  List<ObjectNode> list(SandboxAccess sandbox);

  ObjectNode get(SandboxAccess sandbox, ObjectRef object);

  /** The result of one apply. */
  record Written(String action, List<String> warnings) {}

  /**
   * Which sandbox: the owner's session, the Istio minor version its environment runs (which API
   * versions exist) and, for a real cluster, how to reach its API.
   */
  record SandboxAccess(String username, String sessionId, int istioMinor, String kubeconfig) {}
}

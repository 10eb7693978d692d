package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.CreateNamespace;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kubectl command lines of an install plan's steps, against a kubeconfig file: the kind node's
 * own admin one (the kind backend runs kubectl inside the node), or a sandbox pod's cluster's.
 * Pure, so it is tested without a cluster.
 */
final class KubectlCommands {

  /** The admin kubeconfig inside a kind node. */
  static final String NODE_KUBECONFIG = "/etc/kubernetes/admin.conf";

  static final String ADMIN_KUBECONFIG = "--kubeconfig=" + NODE_KUBECONFIG;

  private static final ObjectMapper JSON = new ObjectMapper();

  private KubectlCommands() {}

  /** {@code kubectl apply} of a path already copied into the node. */
  static List<String> apply(Apply step, String pathInNode) {
    return apply(step, pathInNode, NODE_KUBECONFIG);
  }

  /** {@code kubectl apply} of a path already in kubectl's place, against a kubeconfig file. */
  static List<String> apply(Apply step, String path, String kubeconfig) {
    List<String> args = kubectl(kubeconfig);
    args.add("apply");
    if (step.namespace() != null) {
      args.add("--namespace=" + step.namespace());
    }
    args.add("--filename=" + path);
    return args;
  }

  /**
   * One {@code kubectl wait} of at most {@code slice}; the caller repeats it until the step's own
   * timeout, because kubectl fails at once on objects that do not exist yet.
   */
  static List<String> waitFor(WaitFor step, Duration slice) {
    return waitFor(step, slice, NODE_KUBECONFIG);
  }

  /** The same wait, against a kubeconfig file. */
  static List<String> waitFor(WaitFor step, Duration slice, String kubeconfig) {
    List<String> args = kubectl(kubeconfig);
    args.add("wait");
    args.add("--for=condition=" + step.condition());
    args.add("--timeout=" + Math.max(1, slice.toSeconds()) + "s");
    if (step.namespace() != null) {
      args.add("--namespace=" + step.namespace());
    }
    if (step.name() != null) {
      args.add(step.resource() + "/" + step.name());
    } else if (step.selector() != null) {
      args.add(step.resource());
      args.add("--selector=" + step.selector());
    } else {
      args.add(step.resource());
      args.add("--all");
    }
    return args;
  }

  /** The manifest of a plan's namespace, with its labels, for {@code kubectl apply}. */
  static byte[] namespaceManifest(CreateNamespace step) {
    Map<String, Object> manifest =
        Map.of(
            "apiVersion", "v1",
            "kind", "Namespace",
            "metadata", Map.of("name", step.name(), "labels", step.labels()));
    try {
      return JSON.writeValueAsBytes(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> kubectl(String kubeconfig) {
    List<String> args = new ArrayList<>();
    args.add("kubectl");
    args.add("--kubeconfig=" + kubeconfig);
    return args;
  }
}

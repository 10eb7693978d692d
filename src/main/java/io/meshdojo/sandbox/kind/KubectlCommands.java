package io.meshdojo.sandbox.kind;

import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubectl command lines the kind backend runs inside the kind node (which ships kubectl and an
 * admin kubeconfig), built from plan steps. Pure, so it is tested without a cluster.
 */
final class KubectlCommands {

  static final String ADMIN_KUBECONFIG = "--kubeconfig=/etc/kubernetes/admin.conf";

  private KubectlCommands() {}

  /** {@code kubectl apply} of a path already copied into the node. */
  static List<String> apply(Apply step, String pathInNode) {
    List<String> args = kubectl();
    args.add("apply");
    if (step.namespace() != null) {
      args.add("--namespace=" + step.namespace());
    }
    args.add("--filename=" + pathInNode);
    return args;
  }

  /**
   * One {@code kubectl wait} of at most {@code slice}; the caller repeats it until the step's own
   * timeout, because kubectl fails at once on objects that do not exist yet.
   */
  static List<String> waitFor(WaitFor step, Duration slice) {
    List<String> args = kubectl();
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

  private static List<String> kubectl() {
    List<String> args = new ArrayList<>();
    args.add("kubectl");
    args.add(ADMIN_KUBECONFIG);
    return args;
  }
}

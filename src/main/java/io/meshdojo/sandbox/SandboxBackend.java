package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The port every sandbox backend adapts to ({@code embedded}: an API served by this service; {@code
 * kind}: a real cluster on this host; {@code kubernetes}: a cluster in a pod on a host cluster).
 * The {@link SandboxReconciler} drives it one step at a time, and callers learn what a sandbox can
 * do from its {@link Capabilities}, never from the backend's name. Every call may be repeated:
 * after a crash the reconciler asks again.
 */
public interface SandboxBackend {

  /** As stored with each sandbox, e.g. {@code embedded}. */
  String name();

  /** Why this backend cannot serve on this host (kind needs Docker), or empty when it can. */
  Optional<String> unavailable();

  /**
   * Why this backend does not serve a sandbox whose learner needs {@code rights}, or empty when it
   * does (a real cluster may decline to hand out its admin rights).
   */
  default Optional<String> declines(LearnerRights rights) {
    return Optional.empty();
  }

  /** What the sandboxes of this backend offer beyond a Kubernetes API. */
  Capabilities capabilities();

  /**
   * Takes the next step towards a ready sandbox and says where it stands. Idempotent: asked again
   * with the same preparation, it carries on from where the backend is.
   */
  Step prepare(SandboxSession sandbox, Preparation preparation);

  /** Frees everything the sandbox holds (objects, cluster, queue place, open watches). */
  void release(SandboxSession sandbox);

  /**
   * The kubeconfig the service uses for its own work on the sandbox (editor, terminal, traffic,
   * grading), or empty while the sandbox cannot be reached yet.
   */
  Optional<String> serviceKubeconfig(SandboxSession sandbox, String serviceUrl);

  /**
   * The kubeconfig handed to the learner, never wider than the service's own; empty while the
   * sandbox cannot be reached yet.
   */
  Optional<String> learnerKubeconfig(SandboxSession sandbox, String serviceUrl);

  /** Why the backend lost a ready sandbox under the service (a cluster reaped), if it did. */
  default Optional<String> lost(SandboxSession sandbox) {
    return Optional.empty();
  }

  /** The learner is at work on the sandbox: a backend with an idle timeout pushes it back. */
  default void touch(SandboxSession sandbox) {}

  /** The sandbox was given {@code more} time; a backend holding leases of its own extends them. */
  default void extend(SandboxSession sandbox, Duration more) {}

  /**
   * How to keep sandboxes ready ahead of a crowd; empty when this backend's sandboxes start at once
   * and there is nothing to reserve.
   */
  default Optional<WarmReservations> warmReservations() {
    return Optional.empty();
  }

  /**
   * What a sandbox of a backend offers.
   *
   * @param storedObjects its objects are rows of this service: read and written through the
   *     embedded object store, not through a cluster's API
   * @param workloads its workloads run: a shell in its toolbox and real traffic are possible
   */
  record Capabilities(boolean storedObjects, boolean workloads) {}

  /**
   * What to prepare: the environment's baseline and the lab's setup.
   *
   * @param reset the sandbox existed and is to be replaced by a fresh one
   * @param begun an earlier step of this generation already asked the backend
   * @param rights what the learner must be allowed to change (a real cluster's access objects)
   */
  record Preparation(
      Environment environment,
      List<ObjectNode> setup,
      boolean reset,
      boolean begun,
      LearnerRights rights) {

    /** A preparation whose learner works in the setup's namespaces, not the whole cluster. */
    public Preparation(
        Environment environment, List<ObjectNode> setup, boolean reset, boolean begun) {
      this(environment, setup, reset, begun, LearnerRights.of(setup, false));
    }
  }

  /** Where a preparation stands after one step. */
  sealed interface Step {}

  /** The sandbox is ready. */
  record Done() implements Step {}

  /**
   * Still under way: the step the learner sees, how far, the queue position while waiting for
   * capacity, and when to look again.
   */
  record Working(String step, int percent, Integer queuePosition, Duration again) implements Step {}

  /** It cannot be done; {@code step} names where it failed, {@code reason} why. */
  record Failed(String step, String reason) implements Step {}
}

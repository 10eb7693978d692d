package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import java.time.Duration;
import java.util.List;

/**
 * Brings a learner's sandbox to life and takes it down again. Two backends implement it: {@code
 * embedded} (an API served by this service, the default) and {@code kind} (a real cluster).
 */
public interface SandboxProvisioner {

  /** Reports a step of provisioning, for the progress a learner sees. */
  @FunctionalInterface
  interface Progress {
    /** The step name shown while a request waits for capacity. */
    String QUEUED = "Queued";

    void step(String step, int percent);

    /** The request waits for capacity; {@code position} 1 is next. */
    default void queued(int position) {
      step(QUEUED, 0);
    }
  }

  /** A failure during provisioning, naming the step that failed. */
  class ProvisioningException extends RuntimeException {
    private final String step;

    public ProvisioningException(String step, String message, Throwable cause) {
      super(message, cause);
      this.step = step;
    }

    public String step() {
      return step;
    }
  }

  /** {@code embedded} or {@code kind}, as stored with each session. */
  String backend();

  /** Whether this backend can serve on this host (kind needs Docker). */
  boolean available();

  /**
   * Prepares the sandbox: the environment's baseline, then the lab's setup manifests. On failure it
   * cleans up what it made and throws a {@link ProvisioningException}.
   */
  void provision(
      SandboxSession session, Environment environment, List<ObjectNode> setup, Progress progress);

  /** The live status as the backend sees it (a cluster can die under the service). */
  SandboxStatus status(SandboxSession session);

  /** A kubeconfig for kubectl, using the given bearer token; the service's own access. */
  String kubeconfig(SandboxSession session, String token, String serviceUrl);

  /**
   * The kubeconfig handed to the learner. The same as {@link #kubeconfig} unless the service's own
   * access is wider than a learner's (a kind cluster's admin), when it is a narrower one.
   */
  default String learnerKubeconfig(SandboxSession session, String token, String serviceUrl) {
    return kubeconfig(session, token, serviceUrl);
  }

  /** Back to the state right after provisioning. */
  void reset(
      SandboxSession session, Environment environment, List<ObjectNode> setup, Progress progress);

  /** Frees everything the sandbox holds. */
  void destroy(SandboxSession session);

  /**
   * The session was given {@code more} time. Backends that hold resources on a clock of their own
   * (a kind cluster's lease) extend it too; the embedded backend keeps nothing running.
   */
  default void extend(SandboxSession session, Duration more) {}
}

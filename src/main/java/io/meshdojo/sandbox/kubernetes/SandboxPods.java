package io.meshdojo.sandbox.kubernetes;

import java.util.Optional;

/**
 * The pods behind real-cluster sandboxes on a host Kubernetes cluster, one pod per sandbox (a small
 * Kubernetes runs inside each): what the {@code kubernetes} backend asks of them. Every answer
 * comes from the cluster's API, so any replica of the service, or one that just restarted, sees the
 * same pods.
 */
public interface SandboxPods {

  /**
   * Hands a ready-made pod to a sandbox; asking again for the same sandbox returns the pod it
   * already holds.
   *
   * @return empty when no pod is free (the caller queues the sandbox and asks again)
   */
  Optional<SandboxPod> claim(String sandboxId);

  /** The pod a sandbox holds, if any. */
  Optional<SandboxPod> find(String sandboxId);

  /** Gives up the sandbox's pod for good: it is deleted, never handed to another sandbox. */
  void release(String sandboxId);

  /** A sandbox's pod on the host cluster. */
  record SandboxPod(String namespace, String name, String sandboxId) {}
}

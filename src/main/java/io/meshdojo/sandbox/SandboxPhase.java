package io.meshdojo.sandbox;

/**
 * Where a sandbox is in its one lifecycle, as the {@link SandboxReconciler} last observed it:
 * {@code QUEUED → PROVISIONING → READY → RESETTING → READY …}, ending {@code ENDED} (released at
 * the learner's request), {@code EXPIRED} (its time was up, or its backend lost it) or {@code
 * FAILED}. The API shows the coarser {@link SandboxStatus}.
 */
public enum SandboxPhase {
  /** Waiting for the backend's capacity (a kind cluster). */
  QUEUED,
  PROVISIONING,
  READY,
  /** Being put back as the lab starts; a new generation of the sandbox. */
  RESETTING,
  ENDED,
  EXPIRED,
  FAILED;

  /** What the API calls this phase: every phase of preparation is PROVISIONING there. */
  public SandboxStatus status() {
    return switch (this) {
      case QUEUED, PROVISIONING, RESETTING -> SandboxStatus.PROVISIONING;
      case READY -> SandboxStatus.READY;
      case ENDED -> SandboxStatus.ENDED;
      case EXPIRED -> SandboxStatus.EXPIRED;
      case FAILED -> SandboxStatus.FAILED;
    };
  }

  /** Whether the sandbox will change no more (its backend is released, or being released). */
  public boolean finished() {
    return this == ENDED || this == EXPIRED || this == FAILED;
  }

  /** Whether the backend is still preparing the sandbox. */
  public boolean preparing() {
    return this == QUEUED || this == PROVISIONING || this == RESETTING;
  }
}

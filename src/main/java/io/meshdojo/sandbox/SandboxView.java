package io.meshdojo.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.ClientErrorException;
import java.time.Instant;

/** What the API shows of a sandbox session. */
public record SandboxView(
    String id,
    String status,
    String lab,
    String environment,
    String backend,
    Instant createdAt,
    Instant expiresAt,
    Progress progress,
    String error) {

  /** The step under way; {@code queuePosition} (1 is next) only while waiting for capacity. */
  public record Progress(
      String step, int percent, @JsonInclude(JsonInclude.Include.NON_NULL) Integer queuePosition) {}

  static SandboxView of(SandboxSession s) {
    return new SandboxView(
        s.id,
        s.status().name(),
        s.labId,
        s.environment,
        s.backend,
        s.createdAt,
        s.expiresAt,
        new Progress(
            s.step,
            s.percent,
            s.wanted() && s.phase() == SandboxPhase.QUEUED ? s.queuePosition : null),
        s.error);
  }

  /**
   * This view, or a 409 unless the sandbox is READY; {@code once} says what waits for it, e.g. "it
   * can be checked".
   */
  public SandboxView requireReady(String once) {
    if (!SandboxStatus.READY.name().equals(status)) {
      throw new ClientErrorException(
          "Sandbox " + id + " is " + status + "; " + once + " once READY", 409);
    }
    return this;
  }

  /** Whether the session will change no more. */
  public boolean finished() {
    return !status.equals(SandboxStatus.PROVISIONING.name());
  }
}

package io.meshdojo.sandbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A learner's sandbox for one lab. The kubeconfig token is never stored: only its SHA-256 hash (to
 * authenticate) and the salt it is derived from (to hand the same kubeconfig out again).
 */
@Entity
@Table(name = "sandbox_session")
public class SandboxSession {

  @Id
  @Column(length = 36)
  public String id;

  @Column(name = "account_id", nullable = false)
  public Long accountId;

  @Column(name = "lab_id", nullable = false, length = 100)
  public String labId;

  @Column(nullable = false, length = 64)
  public String environment;

  @Column(nullable = false, length = 16)
  public String backend;

  @Column(nullable = false, length = 16)
  public String status;

  @Column(nullable = false, length = 200)
  public String step;

  @Column(nullable = false)
  public int percent;

  @Column(length = 1000)
  public String error;

  @Column(name = "token_hash", nullable = false, length = 64)
  public String tokenHash;

  @Column(name = "token_salt", nullable = false, length = 64)
  public String tokenSalt;

  /** The sandbox-wide revision: every write takes the next value, like etcd's revision. */
  @Column(name = "resource_version", nullable = false)
  public long resourceVersion;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "ended_at")
  public Instant endedAt;

  public SandboxStatus status() {
    return SandboxStatus.valueOf(status);
  }

  /** Why the sandbox no longer answers, as the learner's kubectl shows it. */
  public String goneReason() {
    SandboxStatus s = status();
    String what =
        s == SandboxStatus.EXPIRED
            ? "has expired"
            : s == SandboxStatus.ENDED ? "has ended" : "has ended (" + status + ")";
    return "sandbox session " + id + " " + what + "; start a new session and use its kubeconfig";
  }

  /** Whether the sandbox still answers: ended and expired sandboxes do not. */
  public boolean live(Instant now) {
    SandboxStatus s = status();
    return (s == SandboxStatus.READY || s == SandboxStatus.PROVISIONING) && now.isBefore(expiresAt);
  }
}

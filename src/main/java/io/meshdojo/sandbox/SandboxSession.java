package io.meshdojo.sandbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A learner's sandbox for one lab, a resource in the style of a Kubernetes object: what is wanted
 * ({@code desired}, {@code generation}, {@code expiresAt}, the lab and backend) and what the {@link
 * SandboxReconciler} last observed ({@code phase}, {@code step}, {@code percent}, {@code
 * queuePosition}, {@code error}, {@code observedGeneration}). The kubeconfig token is never stored:
 * only its SHA-256 hash (to authenticate) and the salt it is derived from (to hand the same
 * kubeconfig out again).
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

  /** The observed {@link SandboxPhase}. */
  @Column(nullable = false, length = 16)
  public String phase;

  /** {@code READY} while wanted; {@code ENDED} or {@code EXPIRED} once it is to be released. */
  @Column(nullable = false, length = 16)
  public String desired;

  /** Counts the resets asked for: each asks for a fresh sandbox. */
  @Column(nullable = false)
  public long generation;

  /** The generation the reconciler last made READY. */
  @Column(name = "observed_generation", nullable = false)
  public long observedGeneration;

  /** Backend steps taken for this generation; 0 until the backend was asked. */
  @Column(nullable = false)
  public int attempts;

  /** The place in the backend's queue while QUEUED (1 is next). */
  @Column(name = "queue_position")
  public Integer queuePosition;

  /** When the reconciler next looks at this sandbox; null when nothing is pending. */
  @Column(name = "next_reconcile_at")
  public Instant nextReconcileAt;

  /** Until when a reconcile in progress holds the sandbox. */
  @Column(name = "claimed_until")
  public Instant claimedUntil;

  /** The warm reservation this sandbox takes a ready one from first (a workshop's), if any. */
  @Column(length = 64)
  public String reservation;

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

  public SandboxPhase phase() {
    return SandboxPhase.valueOf(phase);
  }

  /**
   * What the API shows: ENDED or EXPIRED from the moment that is wanted (the release follows),
   * otherwise the status of the observed phase.
   */
  public SandboxStatus status() {
    return wanted() ? phase().status() : SandboxStatus.valueOf(desired);
  }

  /** Whether the learner (still) wants the sandbox. */
  public boolean wanted() {
    return SandboxPhase.READY.name().equals(desired);
  }

  /** Why the sandbox no longer answers, as the learner's kubectl shows it. */
  public String goneReason() {
    SandboxStatus s = status();
    String what =
        s == SandboxStatus.EXPIRED
            ? "has expired"
            : s == SandboxStatus.ENDED ? "has ended" : "has ended (" + s + ")";
    return "sandbox session " + id + " " + what + "; start a new session and use its kubeconfig";
  }

  /** Whether the sandbox still answers: ended, expired and failed sandboxes do not. */
  public boolean live(Instant now) {
    return wanted() && !phase().finished() && now.isBefore(expiresAt);
  }
}

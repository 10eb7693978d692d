package io.meshdojo.sandbox;

import java.time.Instant;
import java.util.Optional;

/**
 * A feature that may claim a sandbox as it is created, e.g. a running workshop the learner is
 * enrolled in, whose lab it is. Called in the transaction that inserts the sandbox (so a claim is
 * recorded with it or not at all); the sandbox package knows nothing of who claims.
 */
public interface SandboxClaim {

  /**
   * @return the claim, if the feature claims the sandbox
   */
  Optional<Claim> claim(SandboxSession sandbox);

  /**
   * @param until when the claimant wants the sandbox to live; it lives at least its usual time
   * @param reservation the warm reservation ({@link WarmReservations}) the sandbox takes from
   *     first, or null
   */
  record Claim(Instant until, String reservation) {}
}

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
   * @return until when the claimant wants the sandbox to live, if it claims it; the sandbox lives
   *     at least its usual time
   */
  Optional<Instant> claim(SandboxSession sandbox);
}

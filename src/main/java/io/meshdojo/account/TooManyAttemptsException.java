package io.meshdojo.account;

import java.time.Duration;

/** A sign-in or sign-up refused because its account or address used up its attempts for now. */
public class TooManyAttemptsException extends RuntimeException {
  private final Duration retryAfter;

  public TooManyAttemptsException(String what, Duration retryAfter) {
    super(
        "too many "
            + what
            + ": try again in "
            + minutes(retryAfter)
            + " min (the Retry-After header gives the seconds)");
    this.retryAfter = retryAfter;
  }

  /** Whole seconds to wait, at least one, for {@code Retry-After}. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  public long retryAfterMinutes() {
    return minutes(retryAfter);
  }

  private static long minutes(Duration wait) {
    return Math.max(1, (wait.toSeconds() + 59) / 60);
  }
}

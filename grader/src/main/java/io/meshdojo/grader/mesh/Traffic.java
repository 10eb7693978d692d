package io.meshdojo.grader.mesh;

/**
 * The conditions a probe's requests meet beyond the request itself: whether the client speaks TLS
 * (HTTPS originated by the application, so its sidecar sees no HTTP), how many connections it keeps
 * busy at once, how the destination's pods answer, and the errors they returned a while before.
 */
public record Traffic(boolean tls, int concurrency, Upstream upstream, PastErrors pastErrors) {

  /** One plaintext request at a time to healthy pods. */
  public static final Traffic PLAIN = new Traffic(false, 1, Upstream.HEALTHY, null);

  public Traffic {
    concurrency = Math.max(1, concurrency);
    upstream = upstream == null ? Upstream.HEALTHY : upstream;
  }

  /**
   * How the destination answers: its first {@code failures} tries fail with {@code error} (an HTTP
   * status such as {@code 503}, or {@code connect-failure} or {@code reset}), and every try it
   * answers takes {@code delayMs} besides its own calls.
   */
  public record Upstream(int failures, String error, long delayMs) {
    public static final Upstream HEALTHY = new Upstream(0, null, 0);
  }

  /**
   * Every pod of the destination answered {@code count} requests with {@code status}, {@code
   * elapsedMs} before this probe.
   */
  public record PastErrors(int status, int count, long elapsedMs) {}
}

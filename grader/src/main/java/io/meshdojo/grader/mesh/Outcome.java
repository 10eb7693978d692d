package io.meshdojo.grader.mesh;

import java.util.List;

/**
 * One possible result of a request, with its probability. Reached requests name the workload and
 * subset; others carry the HTTP status the client sees. {@code trace} lists, in order, the
 * decisions that led here (which VirtualService rule, which policy), for explanations.
 */
public record Outcome(
    Kind kind,
    int status,
    Workload workload,
    String subset,
    long delayMs,
    double probability,
    List<String> trace,
    long timeoutMs,
    int attempts) {

  /** What happened. */
  public enum Kind {
    REACHED,
    DENIED,
    NO_ROUTE,
    NO_UPSTREAM,
    RESET,
    ABORTED,
    REDIRECTED,
    DIRECT_RESPONSE,
    UNKNOWN_HOST,
    /** The TLS handshake with a gateway fails: the client gets no HTTP answer (status 0). */
    HANDSHAKE_FAILED
  }

  public Outcome {
    trace = List.copyOf(trace);
  }

  /** An outcome without route timeout and without retries. */
  public Outcome(
      Kind kind,
      int status,
      Workload workload,
      String subset,
      long delayMs,
      double probability,
      List<String> trace) {
    this(kind, status, workload, subset, delayMs, probability, trace, 0, 0);
  }

  /** The route's timeout (0: none) and retry attempts (0: no retries). */
  public Outcome withRouteSettings(long timeout, int retryAttempts) {
    return new Outcome(
        kind, status, workload, subset, delayMs, probability, trace, timeout, retryAttempts);
  }

  public Outcome withProbability(double p) {
    return new Outcome(kind, status, workload, subset, delayMs, p, trace, timeoutMs, attempts);
  }

  public Outcome withDelay(long ms) {
    return new Outcome(kind, status, workload, subset, ms, probability, trace, timeoutMs, attempts);
  }

  public Outcome plusTrace(String step) {
    List<String> t = new java.util.ArrayList<>(trace);
    t.add(step);
    return new Outcome(
        kind, status, workload, subset, delayMs, probability, t, timeoutMs, attempts);
  }

  /** Same result ignoring probability and trace (used to merge equal outcomes). */
  public String signature() {
    return kind
        + "|"
        + timeoutMs
        + "|"
        + attempts
        + "|"
        + status
        + "|"
        + (workload == null ? "" : workload.id())
        + "|"
        + subset
        + "|"
        + delayMs;
  }
}

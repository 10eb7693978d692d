package io.meshdojo.grader.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * One possible result of a request, with its probability. Reached requests name the workload and
 * subset; others carry the HTTP status the client sees. {@code trace} lists, in order, the
 * decisions that led here (which VirtualService rule, which policy), for explanations. {@code
 * delayMs} is how long the client waits for the answer: fault delays plus the time the destination
 * takes (its own calls along the environment's call graph, a slow upstream, retries). {@code flag}
 * is Envoy's response flag where one applies ({@code UT}, {@code UO}, {@code UH}), {@code via} the
 * gateways the request passed through on its way ({@code ns/workload}), {@code mirrors} where
 * copies of the request went (their answers are discarded).
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
    int attempts,
    String flag,
    List<String> via,
    List<Mirror> mirrors) {

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
    BLOCKED,
    TIMED_OUT,
    OVERFLOW,
    UPSTREAM_ERROR,
    /** The TLS handshake with a gateway fails: the client gets no HTTP answer (status 0). */
    HANDSHAKE_FAILED
  }

  /** A copy of the request sent to {@code workload} for {@code share} of the requests. */
  public record Mirror(Workload workload, double share) {}

  public Outcome {
    trace = List.copyOf(trace);
    via = via == null ? List.of() : List.copyOf(via);
    mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
  }

  /** An outcome with route settings, passing through no gateway, mirrored nowhere. */
  public Outcome(
      Kind kind,
      int status,
      Workload workload,
      String subset,
      long delayMs,
      double probability,
      List<String> trace,
      long timeoutMs,
      int attempts) {
    this(
        kind,
        status,
        workload,
        subset,
        delayMs,
        probability,
        trace,
        timeoutMs,
        attempts,
        null,
        List.of(),
        List.of());
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
        kind,
        status,
        workload,
        subset,
        delayMs,
        probability,
        trace,
        timeout,
        retryAttempts,
        flag,
        via,
        mirrors);
  }

  public Outcome withProbability(double p) {
    return new Outcome(
        kind, status, workload, subset, delayMs, p, trace, timeoutMs, attempts, flag, via, mirrors);
  }

  public Outcome withDelay(long ms) {
    return new Outcome(
        kind,
        status,
        workload,
        subset,
        ms,
        probability,
        trace,
        timeoutMs,
        attempts,
        flag,
        via,
        mirrors);
  }

  /** The same request ending otherwise: a new kind, status and response flag, no workload. */
  public Outcome endedAs(Kind k, int httpStatus, String responseFlag, String why) {
    List<String> t = new ArrayList<>(trace);
    t.add(why);
    return new Outcome(
        k,
        httpStatus,
        null,
        null,
        delayMs,
        probability,
        t,
        timeoutMs,
        attempts,
        responseFlag,
        via,
        mirrors);
  }

  /** The same outcome, having first passed through {@code gateway} ({@code ns/workload}). */
  public Outcome through(String gateway) {
    List<String> v = new ArrayList<>();
    v.add(gateway);
    v.addAll(via);
    return new Outcome(
        kind,
        status,
        workload,
        subset,
        delayMs,
        probability,
        trace,
        timeoutMs,
        attempts,
        flag,
        v,
        mirrors);
  }

  public Outcome withMirrors(List<Mirror> copies) {
    return new Outcome(
        kind,
        status,
        workload,
        subset,
        delayMs,
        probability,
        trace,
        timeoutMs,
        attempts,
        flag,
        via,
        copies);
  }

  public Outcome plusTrace(String step) {
    List<String> t = new ArrayList<>(trace);
    t.add(step);
    return new Outcome(
        kind,
        status,
        workload,
        subset,
        delayMs,
        probability,
        t,
        timeoutMs,
        attempts,
        flag,
        via,
        mirrors);
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
        + delayMs
        + "|"
        + flag
        + "|"
        + via
        + "|"
        + mirrors;
  }
}

package io.meshdojo.grader.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
    return edit(
        d -> {
          d.timeoutMs = timeout;
          d.attempts = retryAttempts;
        });
  }

  public Outcome withProbability(double p) {
    return edit(d -> d.probability = p);
  }

  public Outcome withDelay(long ms) {
    return edit(d -> d.delayMs = ms);
  }

  /** The same request ending otherwise: a new kind, status and response flag, no workload. */
  public Outcome endedAs(Kind k, int httpStatus, String responseFlag, String why) {
    return edit(
        d -> {
          d.kind = k;
          d.status = httpStatus;
          d.workload = null;
          d.subset = null;
          d.flag = responseFlag;
          d.trace.add(why);
        });
  }

  /** The same outcome, having first passed through {@code gateway} ({@code ns/workload}). */
  public Outcome through(String gateway) {
    return edit(d -> d.via.add(0, gateway));
  }

  public Outcome withMirrors(List<Mirror> copies) {
    return edit(d -> d.mirrors = copies);
  }

  public Outcome plusTrace(String step) {
    return edit(d -> d.trace.add(step));
  }

  /** This outcome with what {@code change} alters in a draft of it. */
  private Outcome edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new Outcome(
        d.kind,
        d.status,
        d.workload,
        d.subset,
        d.delayMs,
        d.probability,
        d.trace,
        d.timeoutMs,
        d.attempts,
        d.flag,
        d.via,
        d.mirrors);
  }

  /** An outcome's fields, to change before the copy is made. */
  private static final class Draft {
    Kind kind;
    int status;
    Workload workload;
    String subset;
    long delayMs;
    double probability;
    final List<String> trace;
    long timeoutMs;
    int attempts;
    String flag;
    final List<String> via;
    List<Mirror> mirrors;

    Draft(Outcome o) {
      kind = o.kind;
      status = o.status;
      workload = o.workload;
      subset = o.subset;
      delayMs = o.delayMs;
      probability = o.probability;
      trace = new ArrayList<>(o.trace);
      timeoutMs = o.timeoutMs;
      attempts = o.attempts;
      flag = o.flag;
      via = new ArrayList<>(o.via);
      mirrors = o.mirrors;
    }
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

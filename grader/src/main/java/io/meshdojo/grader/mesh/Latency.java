package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.meshdojo.grader.model.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Time through the call graph, and what the client's proxy makes of it: how long a reached workload
 * takes to answer (its own calls, one after another, each routed by its own sidecar, plus a slow
 * upstream), then tries, per-try timeouts and the route timeout, as Envoy's router applies them
 * (504 with flag {@code UT} when a timeout ends the request). Retry back-off (25 ms and up) and
 * connect timeouts are not counted; a failed try takes no time.
 */
public final class Latency {

  /** Istio's retry conditions when none are given (since 1.24: no 503). */
  private static final Set<String> DEFAULT_RETRY_ON =
      Set.of(
          "connect-failure",
          "refused-stream",
          "unavailable",
          "cancelled",
          "retriable-status-codes");

  private final CallGraph graph;

  public Latency(CallGraph graph) {
    this.graph = graph;
  }

  /** A route's retry policy and timeout. */
  public record Policy(int attempts, Set<String> retryOn, long perTryMs, long timeoutMs) {

    /** Istio's policy for a route without retries and timeout: 2 attempts, no timeout. */
    public static final Policy DEFAULT =
        new Policy(Router.DEFAULT_RETRY_ATTEMPTS, DEFAULT_RETRY_ON, 0, 0);

    public static Policy of(HTTPRoute rule) {
      long timeout = rule.getTimeout() == null ? 0 : Durations.millis(rule.getTimeout()).orElse(0);
      HTTPRetry r = rule.getRetries();
      if (r == null) {
        return new Policy(DEFAULT.attempts, DEFAULT_RETRY_ON, 0, timeout);
      }
      int attempts = r.getAttempts() == null ? 0 : r.getAttempts();
      Set<String> on = DEFAULT_RETRY_ON;
      if (r.getRetryOn() != null && !r.getRetryOn().isBlank()) {
        on = Set.of(r.getRetryOn().replace(" ", "").split(","));
      }
      long perTry =
          r.getPerTryTimeout() == null ? 0 : Durations.millis(r.getPerTryTimeout()).orElse(0);
      return new Policy(attempts, on, perTry, timeout);
    }

    /** Whether a failure of this kind may be retried under these conditions. */
    boolean retries(String error) {
      return switch (error) {
        case "connect-failure" ->
            has("connect-failure") || has("5xx") || has("gateway-error") || has("reset");
        case "reset" -> has("reset") || has("5xx");
        case "timeout" -> has("5xx") || has("gateway-error") || has("reset");
        default -> {
          int status = Integer.parseInt(error);
          yield (status >= 500 && has("5xx"))
              || (status >= 502 && status <= 504 && has("gateway-error"))
              || (has("retriable-status-codes") && has(error));
        }
      };
    }

    private boolean has(String condition) {
      return retryOn.contains(condition);
    }
  }

  /**
   * How long {@code server} takes to answer {@code req}, as a distribution (milliseconds →
   * probability): its calls one after another, each as {@code route} answers it and cut at the
   * application's own timeout.
   */
  public Map<Long, Double> answerTime(
      Workload server, Request req, Function<Request, List<Outcome>> route) {
    Map<Long, Double> total = Map.of(0L, 1.0);
    for (CallGraph.Call call : graph.callsOf(server)) {
      Request down =
          new Request(
              server.id(), call.host(), call.port(), "GET", call.path(), req.headers(), null);
      Map<Long, Double> one = new LinkedHashMap<>();
      for (Outcome o : route.apply(down)) {
        long t = call.timeoutMs() > 0 ? Math.min(o.delayMs(), call.timeoutMs()) : o.delayMs();
        one.merge(t, o.probability(), Double::sum);
      }
      Map<Long, Double> next = new LinkedHashMap<>();
      total.forEach((a, p) -> one.forEach((b, q) -> next.merge(a + b, p * q, Double::sum)));
      total = next;
    }
    return total;
  }

  /**
   * Applies the route's tries and timeouts to outcomes that reached a workload; {@code answerTime}
   * gives each reached workload's own time to answer.
   */
  public static List<Outcome> apply(
      List<Outcome> outcomes,
      Policy policy,
      Traffic.Upstream upstream,
      Function<Outcome, Map<Long, Double>> answerTime) {
    List<Outcome> out = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.kind() != Outcome.Kind.REACHED) {
        out.add(o);
        continue;
      }
      answerTime
          .apply(o)
          .forEach(
              (ms, p) ->
                  out.add(
                      tries(
                          o.withProbability(o.probability() * p),
                          ms + upstream.delayMs(),
                          policy,
                          upstream)));
    }
    return out;
  }

  /** One reached outcome through the router's tries: answered, failed, or timed out. */
  private static Outcome tries(Outcome o, long answerMs, Policy policy, Traffic.Upstream upstream) {
    long elapsed = 0;
    int tries = policy.attempts() + 1;
    for (int k = 0; k < tries; k++) {
      boolean last = k == tries - 1;
      if (k < upstream.failures()) {
        String error = upstream.error() == null ? "503" : upstream.error();
        if (last || !policy.retries(error)) {
          return failed(o, error, elapsed, k);
        }
        continue;
      }
      if (policy.perTryMs() > 0 && answerMs > policy.perTryMs()) {
        elapsed += policy.perTryMs();
        if (policy.timeoutMs() > 0 && elapsed >= policy.timeoutMs()) {
          return timedOut(
              o, policy.timeoutMs(), "the route timeout of " + policy.timeoutMs() + " ms");
        }
        if (last || !policy.retries("timeout")) {
          return timedOut(
              o, elapsed, (k + 1) + " tries of at most " + policy.perTryMs() + " ms each");
        }
        continue;
      }
      if (policy.timeoutMs() > 0 && elapsed + answerMs > policy.timeoutMs()) {
        return timedOut(
            o, policy.timeoutMs(), "the route timeout of " + policy.timeoutMs() + " ms");
      }
      Outcome answered = o.withDelay(o.delayMs() + elapsed + answerMs);
      return k == 0 ? answered : answered.plusTrace("answered on try " + (k + 1));
    }
    return o;
  }

  private static Outcome failed(Outcome o, String error, long elapsed, int retried) {
    String why = "the upstream fails with " + error + " after " + retried + " retries";
    Outcome f =
        switch (error) {
          case "connect-failure" -> o.endedAs(Outcome.Kind.NO_UPSTREAM, 503, "UF", why);
          case "reset" -> o.endedAs(Outcome.Kind.RESET, 503, "UC", why);
          default -> o.endedAs(Outcome.Kind.UPSTREAM_ERROR, Integer.parseInt(error), null, why);
        };
    return f.withDelay(o.delayMs() + elapsed);
  }

  private static Outcome timedOut(Outcome o, long after, String why) {
    return o.endedAs(Outcome.Kind.TIMED_OUT, 504, "UT", "timed out after " + why)
        .withDelay(o.delayMs() + after);
  }
}

package io.meshdojo.grader.mesh;

import java.util.List;
import java.util.Map;

/**
 * Which workload calls which while it answers a request, as the environment declares it (Bookinfo:
 * productpage calls details and reviews, reviews v2 and v3 call ratings). The applications forward
 * the request's headers (Bookinfo propagates {@code end-user} and the tracing headers) and wait for
 * each answer at most {@code timeoutMs} (their own client timeout, 0: none) before answering
 * anyway.
 */
public record CallGraph(Map<String, List<Call>> callsByWorkload) {

  public static final CallGraph NONE = new CallGraph(Map.of());

  /** One call made by {@code from} (ns/workload) while answering. */
  public record Call(String from, String host, int port, String path, long timeoutMs) {}

  public static CallGraph of(List<Call> calls) {
    Map<String, List<Call>> by = new java.util.LinkedHashMap<>();
    for (Call c : calls) {
      by.computeIfAbsent(c.from(), k -> new java.util.ArrayList<>()).add(c);
    }
    by.replaceAll((k, v) -> List.copyOf(v));
    return new CallGraph(Map.copyOf(by));
  }

  public List<Call> callsOf(Workload w) {
    return callsByWorkload.getOrDefault(w.id(), List.of());
  }
}

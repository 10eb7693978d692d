package io.meshdojo.grader.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one probe's requests go: the shares of its outcomes, each under a language-neutral label
 * (the value of the objective's share label such as {@code v3}, a workload name, or a status such
 * as {@code 503}), and the shares the objective expects, if it names any. The same shape carries
 * simulated shares (from the mesh model) and shares observed on a real cluster.
 *
 * @param probe short language-neutral description, e.g. {@code bookinfo/productpage-v1 →
 *     reviews:9080 GET /reviews/0 · end-user: jason}
 * @param shares outcomes with their share of the requests (together 1), ordered by label
 * @param expected the objective's expected shares by label; empty when it expects none
 */
public record ProbeTraffic(String probe, List<Share> shares, Map<String, Double> expected) {

  public ProbeTraffic {
    shares = List.copyOf(shares);
    expected = Map.copyOf(expected);
  }

  /**
   * One group of outcomes. {@code outcome} is the kind in lower case ({@code reached}, {@code
   * denied}, {@code no_route}, {@code no_upstream}, {@code reset}, {@code aborted}, {@code
   * redirected}, {@code direct_response}, {@code unknown_host}, {@code handshake_failed}, {@code
   * blocked}, {@code timed_out}, {@code overflow}, {@code upstream_error}) so that a page can name
   * it in its own language.
   */
  public record Share(String label, String outcome, double share) {}

  /** {@code {"probe", "shares": [{"label", "outcome", "share"}], "expected": {label: share}}}. */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("probe", probe);
    List<Object> list = new ArrayList<>();
    for (Share s : shares) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("label", s.label());
      sm.put("outcome", s.outcome());
      sm.put("share", s.share());
      list.add(sm);
    }
    m.put("shares", list);
    m.put("expected", new java.util.TreeMap<>(expected));
    return m;
  }
}

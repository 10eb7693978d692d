package io.meshdojo.grader.objectives;

import io.meshdojo.grader.api.ProbeTraffic;
import io.meshdojo.grader.mesh.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a probe's modelled outcomes into its {@link ProbeTraffic}. Requests that reach a workload
 * are grouped by the value of the objective's share label ({@code version} unless the lab names
 * another), or by workload name where the workload lacks that label; the others by HTTP status, so
 * that "80% v1, 20% 503" reads the same in every language. A delay is part of the group's label.
 */
public final class TrafficPicture {

  private TrafficPicture() {}

  public static ProbeTraffic of(Probe probe, List<Outcome> outcomes, Objective.Expect expect) {
    String key = expect.shareLabel();
    Map<String, Double> shares = new TreeMap<>();
    Map<String, String> kinds = new TreeMap<>();
    for (Outcome o : outcomes) {
      if (o.probability() <= 1e-9) {
        continue;
      }
      String label = label(o, key);
      shares.merge(label, o.probability(), Double::sum);
      kinds.putIfAbsent(label, o.kind().name().toLowerCase(Locale.ROOT));
    }
    List<ProbeTraffic.Share> list = new ArrayList<>();
    shares.forEach(
        (label, share) -> list.add(new ProbeTraffic.Share(label, kinds.get(label), share)));
    // Reached workloads first, failures after them, each group by label.
    list.sort(
        Comparator.comparing((ProbeTraffic.Share s) -> !s.outcome().equals("reached"))
            .thenComparing(ProbeTraffic.Share::label));
    return new ProbeTraffic(
        describe(probe), list, expect.shares() == null ? Map.of() : expect.shares());
  }

  private static String label(Outcome o, String key) {
    String base;
    if (o.kind() == Outcome.Kind.REACHED) {
      base =
          key == null
              ? o.workload().name()
              : o.workload().labels().getOrDefault(key, o.workload().name());
    } else {
      base = o.status() > 0 ? String.valueOf(o.status()) : o.kind().name().toLowerCase(Locale.ROOT);
    }
    return o.delayMs() > 0 ? base + " (+" + o.delayMs() + " ms)" : base;
  }

  /**
   * {@code bookinfo/productpage-v1 → reviews:9080 GET /reviews/0 · end-user: jason}; a gateway
   * probe shows the gateway port, a Dubbo probe its attributes.
   */
  public static String describe(Probe p) {
    StringBuilder s = new StringBuilder(p.from()).append(" → ");
    Map<String, String> extra;
    if (p.dubbo()) {
      s.append(p.host()).append(":").append(p.port()).append(" dubbo");
      extra = p.attributes();
    } else {
      var r = p.request();
      s.append(p.host()).append(":").append(p.port());
      if (p.gatewayPort() != null) {
        s.append(" (gateway :").append(p.gatewayPort()).append(')');
      }
      s.append(' ').append(r.method()).append(' ').append(r.path());
      extra = r.headers();
      s.append(conditions(p.traffic()));
    }
    if (extra != null && !extra.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      new TreeMap<>(extra).forEach((k, v) -> pairs.add(k + ": " + v));
      s.append(" · ").append(String.join(", ", pairs));
    }
    return s.toString();
  }

  /**
   * Short, language-neutral marks for a probe's traffic conditions ({@code https}, {@code c=3}…).
   */
  private static String conditions(io.meshdojo.grader.mesh.Traffic t) {
    StringBuilder s = new StringBuilder();
    if (t.tls()) {
      s.append(" https");
    }
    if (t.concurrency() > 1) {
      s.append(" c=").append(t.concurrency());
    }
    if (t.upstream().failures() > 0) {
      s.append(" fails ")
          .append(t.upstream().failures())
          .append('×')
          .append(t.upstream().error() == null ? "503" : t.upstream().error());
    }
    if (t.upstream().delayMs() > 0) {
      s.append(" slow ").append(t.upstream().delayMs()).append(" ms");
    }
    if (t.pastErrors() != null) {
      s.append(" after ")
          .append(t.pastErrors().count())
          .append('×')
          .append(t.pastErrors().status())
          .append(" +")
          .append(t.pastErrors().elapsedMs())
          .append(" ms");
    }
    return s.toString();
  }
}

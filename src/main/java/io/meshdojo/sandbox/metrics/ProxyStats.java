package io.meshdojo.sandbox.metrics;

import io.meshdojo.grader.api.ProxyView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one simulated proxy's admin API would list for Istio's standard metrics ({@code pilot-agent
 * request GET stats/prometheus} or {@code stats}): the series that proxy reported itself, from
 * {@link SandboxMetrics}, with their values now. Envoy's own statistics (clusters, listeners,
 * server) are not simulated. Labels come in Istio's order ({@link MetricsPolicy#STANDARD_TAGS}),
 * custom tags after them.
 */
public final class ProxyStats {

  /** Labels Prometheus adds when it scrapes a pod; the proxy itself does not print them. */
  private static final List<String> SCRAPE_LABELS = List.of("__name__", "namespace", "pod");

  private ProxyStats() {}

  /** Envoy's Prometheus exposition of the pod's proxy ({@code /stats/prometheus}). */
  public static String prometheus(SandboxMetrics metrics, String sandbox, String ns, String pod) {
    Map<String, Map<String, Double>> families = families(metrics, sandbox, ns, pod);
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Map<String, Double>> family : families.entrySet()) {
      String name = family.getKey();
      out.append("# TYPE ")
          .append(name)
          .append(name.endsWith("_total") ? " counter" : " histogram")
          .append('\n');
      for (Map.Entry<String, Double> s : family.getValue().entrySet()) {
        out.append(s.getKey()).append(' ').append(PromJson.number(s.getValue())).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Envoy's plain-text stats ({@code /stats}) for the counters, with Istio's tags folded into the
   * name as Envoy keeps them ({@code reporter=.=source;.;…;.;istio_requests_total: 3}), and for
   * each outbound cluster the proxy sent to, its requests and those a full connection pool refused
   * ({@code cluster.outbound|8000||httpbin.cb.svc.cluster.local.upstream_rq_pending_overflow: 10}).
   */
  public static String text(SandboxMetrics metrics, String sandbox, String ns, String pod) {
    List<String> lines = new ArrayList<>();
    Map<String, int[]> clusters = new TreeMap<>();
    for (SandboxMetrics.RequestSample s : metrics.samples(sandbox)) {
      String cluster = s.labels().getOrDefault(SandboxMetrics.UPSTREAM_CLUSTER, "-");
      if (s.namespace().equals(ns) && s.pod().equals(pod) && !cluster.equals("-")) {
        int[] counts = clusters.computeIfAbsent(cluster, k -> new int[2]);
        counts[0]++;
        counts[1] += "UO".equals(s.labels().get("response_flags")) ? 1 : 0;
      }
    }
    clusters.forEach(
        (cluster, counts) -> {
          lines.add("cluster." + cluster + ".upstream_rq_pending_overflow: " + counts[1]);
          lines.add("cluster." + cluster + ".upstream_rq_total: " + counts[0]);
        });
    for (Map.Entry<Map<String, String>, Double> s : values(metrics, sandbox, ns, pod).entrySet()) {
      String name = s.getKey().get("__name__");
      if (!name.endsWith("_total")) {
        continue;
      }
      StringBuilder line = new StringBuilder();
      for (Map.Entry<String, String> l : ordered(s.getKey()).entrySet()) {
        line.append(l.getKey()).append("=.=").append(l.getValue()).append(";.;");
      }
      lines.add(line + name + ": " + PromJson.number(s.getValue()));
    }
    lines.sort(Comparator.naturalOrder());
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  /** Per family (histograms under their base name), each series printed with its value. */
  private static Map<String, Map<String, Double>> families(
      SandboxMetrics metrics, String sandbox, String ns, String pod) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (Map.Entry<Map<String, String>, Double> s : values(metrics, sandbox, ns, pod).entrySet()) {
      String name = s.getKey().get("__name__");
      String family = name.replaceFirst("_(bucket|sum|count)$", "");
      StringBuilder series = new StringBuilder(name).append('{');
      String sep = "";
      for (Map.Entry<String, String> l : ordered(s.getKey()).entrySet()) {
        series.append(sep).append(l.getKey()).append("=\"").append(escape(l.getValue()));
        series.append('"');
        sep = ",";
      }
      out.computeIfAbsent(family, k -> new LinkedHashMap<>())
          .put(series.append('}').toString(), s.getValue());
    }
    return out;
  }

  /** Each series of the pod's proxy (labels with {@code __name__}) and its value now. */
  private static Map<Map<String, String>, Double> values(
      SandboxMetrics metrics, String sandbox, String ns, String pod) {
    List<SandboxMetrics.RequestSample> own =
        metrics.samples(sandbox).stream()
            .filter(s -> s.namespace().equals(ns) && s.pod().equals(pod))
            .toList();
    Map<Map<String, String>, Double> out = new LinkedHashMap<>();
    for (var series : MetricSeries.of(own).all().entrySet()) {
      out.put(
          series.getKey(), series.getValue().stream().mapToDouble(MetricSeries.Step::delta).sum());
    }
    return out;
  }

  /** The labels a proxy prints, in Istio's order; {@code le} last. */
  private static Map<String, String> ordered(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String tag : ProxyView.STANDARD_TAGS) {
      if (labels.containsKey(tag)) {
        out.put(tag, labels.get(tag));
      }
    }
    new TreeMap<>(labels)
        .forEach(
            (k, v) -> {
              if (!SCRAPE_LABELS.contains(k) && !k.equals("le")) {
                out.putIfAbsent(k, v);
              }
            });
    if (labels.containsKey("le")) {
      out.put("le", labels.get("le"));
    }
    return out;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}

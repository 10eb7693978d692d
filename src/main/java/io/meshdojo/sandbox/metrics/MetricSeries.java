package io.meshdojo.sandbox.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sandbox's samples as the Prometheus series Istio's proxies expose: counters and histograms
 * (buckets, sum, count), each series a time-ordered list of increments. A counter's value at a time
 * is the sum of its increments up to then, so an {@code increase} over a window is exact (no scrape
 * interval, no extrapolation).
 */
final class MetricSeries {

  /** One change of a series: at epoch milliseconds, by {@code delta}. */
  record Step(long atMs, double delta) {}

  /** Istio's default buckets for {@code istio_request_duration_milliseconds}. */
  static final double[] DURATION_BUCKETS = {
    0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
    1800000, 3600000
  };

  /** Istio's default buckets for the request and response size histograms. */
  static final double[] BYTES_BUCKETS = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000
  };

  private final Map<Map<String, String>, List<Step>> series = new LinkedHashMap<>();

  private MetricSeries() {}

  static MetricSeries of(List<SandboxMetrics.RequestSample> samples) {
    MetricSeries out = new MetricSeries();
    for (SandboxMetrics.RequestSample s : samples) {
      long at = s.at().toEpochMilli();
      for (Map.Entry<String, Set<String>> family : s.reported().entrySet()) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("namespace", s.namespace());
        labels.put("pod", s.pod());
        for (String tag : family.getValue()) {
          labels.put(tag, s.labels().getOrDefault(tag, "unknown"));
        }
        String name = family.getKey();
        switch (name) {
          case "istio_requests_total" -> out.add(name, labels, at, 1);
          case "istio_request_duration_milliseconds" ->
              out.histogram(name, labels, at, s.durationMs(), DURATION_BUCKETS);
          case "istio_request_bytes" ->
              out.histogram(name, labels, at, s.requestBytes(), BYTES_BUCKETS);
          case "istio_response_bytes" ->
              out.histogram(name, labels, at, s.responseBytes(), BYTES_BUCKETS);
          default -> {
            // a family the simulated data plane does not produce (TCP, gRPC)
          }
        }
      }
    }
    return out;
  }

  private void histogram(
      String name, Map<String, String> labels, long at, double value, double[] buckets) {
    for (double le : buckets) {
      Map<String, String> bucket = new TreeMap<>(labels);
      bucket.put("le", PromJson.number(le));
      add(name + "_bucket", bucket, at, value <= le ? 1 : 0);
    }
    Map<String, String> inf = new TreeMap<>(labels);
    inf.put("le", "+Inf");
    add(name + "_bucket", inf, at, 1);
    add(name + "_sum", labels, at, value);
    add(name + "_count", labels, at, 1);
  }

  private void add(String name, Map<String, String> labels, long at, double delta) {
    Map<String, String> key = new TreeMap<>(labels);
    key.put("__name__", name);
    series
        .computeIfAbsent(Collections.unmodifiableMap(key), k -> new ArrayList<>())
        .add(new Step(at, delta));
  }

  /** Every series: its labels (with {@code __name__}) and its steps, oldest first. */
  Map<Map<String, String>, List<Step>> all() {
    return series;
  }
}

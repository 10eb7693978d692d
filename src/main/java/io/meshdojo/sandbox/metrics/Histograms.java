package io.meshdojo.sandbox.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code histogram_quantile}, as Prometheus computes it: linear interpolation within a bucket. */
final class Histograms {

  private Histograms() {}

  private record Bucket(double le, double count) {}

  static PromEngine.Vector quantile(double q, PromEngine.Vector buckets) {
    Map<Map<String, String>, List<Bucket>> byHistogram = new LinkedHashMap<>();
    for (PromEngine.Sample s : buckets.samples()) {
      String le = s.labels().get("le");
      if (le == null) {
        continue;
      }
      double bound;
      try {
        bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      } catch (NumberFormatException e) {
        continue;
      }
      Map<String, String> key = new TreeMap<>(PromEngine.withoutName(s.labels()));
      key.remove("le");
      byHistogram.computeIfAbsent(key, k -> new ArrayList<>()).add(new Bucket(bound, s.value()));
    }
    List<PromEngine.Sample> out = new ArrayList<>();
    byHistogram.forEach((labels, list) -> out.add(new PromEngine.Sample(labels, of(q, list))));
    return new PromEngine.Vector(out);
  }

  private static double of(double q, List<Bucket> buckets) {
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<Bucket> sorted = new ArrayList<>(buckets);
    sorted.sort((a, b) -> Double.compare(a.le(), b.le()));
    if (sorted.size() < 2 || !Double.isInfinite(sorted.get(sorted.size() - 1).le())) {
      return Double.NaN;
    }
    double total = sorted.get(sorted.size() - 1).count();
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    int b = 0;
    while (b < sorted.size() - 1 && sorted.get(b).count() < rank) {
      b++;
    }
    if (b == sorted.size() - 1) {
      return sorted.get(sorted.size() - 2).le();
    }
    if (b == 0 && sorted.get(0).le() <= 0) {
      return sorted.get(0).le();
    }
    double start = b == 0 ? 0 : sorted.get(b - 1).le();
    double countBefore = b == 0 ? 0 : sorted.get(b - 1).count();
    double end = sorted.get(b).le();
    double inBucket = sorted.get(b).count() - countBefore;
    return inBucket == 0 ? end : start + (end - start) * ((rank - countBefore) / inBucket);
  }
}

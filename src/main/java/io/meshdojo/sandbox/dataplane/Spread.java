package io.meshdojo.sandbox.dataplane;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads requests over the model's outcomes deterministically: per sandbox and per (client,
 * request) it counts what was answered and picks the outcome whose share so far is furthest below
 * its probability, so 100 requests at 80/20 give exactly 80 and 20, and 20 at 100 % give 20. The
 * same counters take turns between the pods of a workload. Kept in this replica's memory, bounded.
 */
@ApplicationScoped
public class Spread {

  private static final int MAX_KEYS = 20_000;

  /** Per key, how often each choice was taken; least recently used keys go first. */
  private final Map<String, Map<String, Integer>> counts =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Integer>> eldest) {
          return size() > MAX_KEYS;
        }
      };

  /**
   * The index of the choice to take for {@code key}; {@code choices} names each choice and {@code
   * probabilities} gives its share (together 1).
   */
  public synchronized int pick(String key, List<String> choices, List<Double> probabilities) {
    Map<String, Integer> seen = counts.computeIfAbsent(key, k -> new LinkedHashMap<>());
    int total = seen.values().stream().mapToInt(Integer::intValue).sum();
    int best = 0;
    double bestDeficit = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < choices.size(); i++) {
      double deficit = probabilities.get(i) * (total + 1) - seen.getOrDefault(choices.get(i), 0);
      if (deficit > bestDeficit + 1e-9) {
        best = i;
        bestDeficit = deficit;
      }
    }
    seen.merge(choices.get(best), 1, Integer::sum);
    return best;
  }

  /** Turns among {@code size} equal choices (round robin) for {@code key}. */
  public int turn(String key, int size) {
    List<String> names = new java.util.ArrayList<>();
    List<Double> shares = new java.util.ArrayList<>();
    for (int i = 0; i < size; i++) {
      names.add(String.valueOf(i));
      shares.add(1.0 / size);
    }
    return pick(key, names, shares);
  }
}

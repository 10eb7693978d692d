package io.meshdojo.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests of one probe as a real cluster answered them, in the grader's traffic shape ({@code
 * probe}, {@code shares} with {@code label}, {@code outcome}, {@code share}, plus {@code count},
 * and {@code expected}) so the page can chart it next to the simulated one. {@code skipped} names
 * why nothing was sent ({@code dubbo}, {@code gateway}, {@code no_client}), else it is null.
 */
public record ObservedTraffic(
    String probe,
    int requests,
    List<Observed> shares,
    Map<String, Double> expected,
    String skipped) {

  /**
   * One group of answers. {@code outcome}: {@code reached} (a 1xx-3xx answer), {@code failed} (an
   * HTTP error status) or {@code reset} (no response).
   */
  public record Observed(String label, String outcome, int count, double share) {}

  public static ObservedTraffic skipped(String probe, Map<String, Double> expected, String why) {
    return new ObservedTraffic(probe, 0, List.of(), expected, why);
  }

  /**
   * Groups answers as the grader groups outcomes: an answer from a known pod under the value of
   * that pod's {@code shareLabel} (else its workload's name), other answers by status.
   *
   * @param podLabels labels of the cluster's pods by pod name
   */
  public static ObservedTraffic of(
      String probe,
      ProbeOutput output,
      Map<String, Map<String, String>> podLabels,
      String shareLabel,
      Map<String, Double> expected) {
    if (output.noClient()) {
      return skipped(probe, expected, "no_client");
    }
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, String> outcomes = new TreeMap<>();
    for (var e : output.counts().entrySet()) {
      ProbeOutput.Answer a = e.getKey();
      String label;
      String outcome;
      if (a.status() == 0) {
        label = "000";
        outcome = "reset";
      } else if (a.status() >= 400) {
        label = String.valueOf(a.status());
        outcome = "failed";
      } else {
        label = a.pod().map(pod -> attribute(pod, podLabels, shareLabel)).orElse("" + a.status());
        outcome = "reached";
      }
      counts.merge(label, e.getValue(), Integer::sum);
      outcomes.putIfAbsent(label, outcome);
    }
    int total = output.total();
    List<Observed> shares = new ArrayList<>();
    counts.forEach(
        (label, n) ->
            shares.add(
                new Observed(label, outcomes.get(label), n, total == 0 ? 0 : (double) n / total)));
    shares.sort(
        Comparator.comparing((Observed s) -> !s.outcome().equals("reached"))
            .thenComparing(Observed::label));
    return new ObservedTraffic(probe, total, shares, expected, null);
  }

  /**
   * The pod's value of {@code shareLabel}; without it, its workload's name (a Deployment's pod is
   * named {@code <deployment>-<replicaset hash>-<pod hash>}).
   */
  static String attribute(String pod, Map<String, Map<String, String>> podLabels, String label) {
    Map<String, String> labels = podLabels.get(pod);
    if (labels != null && labels.containsKey(label)) {
      return labels.get(label);
    }
    return pod.replaceFirst("-[a-z0-9]+-[a-z0-9]+$", "");
  }

  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("probe", probe);
    m.put("requests", requests);
    List<Object> list = new ArrayList<>();
    for (Observed s : shares) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("label", s.label());
      sm.put("outcome", s.outcome());
      sm.put("count", s.count());
      sm.put("share", s.share());
      list.add(sm);
    }
    m.put("shares", list);
    m.put("expected", new TreeMap<>(expected));
    m.put("skipped", skipped);
    return m;
  }
}

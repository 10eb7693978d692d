package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.MetricsPolicy;
import io.meshdojo.grader.mesh.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a {@code metrics} expectation: exactly these proxies report the series for each outcome
 * of a probe, each without and with the listed tags.
 */
final class MetricsVerdict {

  private MetricsVerdict() {}

  /** Empty when every possible outcome is reported as expected; else what happens instead. */
  static Optional<Bilingual> check(
      MetricsPolicy policy, Probe p, List<Outcome> outcomes, Objective.Metrics want) {
    String metric = MetricsPolicy.metricOf(want.series()).orElse(null);
    String request = p.from() + " → " + p.host() + ":" + p.port() + p.path();
    if (metric == null) {
      return Optional.of(
          new Bilingual(
              want.series() + " is not one of Istio's standard metrics.",
              want.series() + " 不是 Istio 的标准指标。"));
    }
    for (Outcome out : outcomes) {
      if (out.probability() <= 1e-9) {
        continue;
      }
      Map<String, Set<String>> got = policy.reporters(p.request(), out, metric);
      if (!got.keySet().equals(Set.copyOf(want.reportedBy()))) {
        String who = got.isEmpty() ? "no proxy" : String.join(", ", got.keySet());
        String whoZh = got.isEmpty() ? "没有任何代理" : String.join("、", got.keySet());
        String expected =
            want.reportedBy().isEmpty() ? "none" : String.join(", ", want.reportedBy());
        String expectedZh = want.reportedBy().isEmpty() ? "无" : String.join("、", want.reportedBy());
        return Optional.of(
            new Bilingual(
                want.series()
                    + " for "
                    + request
                    + " is reported by "
                    + who
                    + " (expected: "
                    + expected
                    + ").",
                "请求 "
                    + request
                    + " 的 "
                    + want.series()
                    + " 由 "
                    + whoZh
                    + " 上报（预期："
                    + expectedZh
                    + "）。"));
      }
      for (var reporter : got.entrySet()) {
        for (String tag : want.withoutTags()) {
          if (reporter.getValue().contains(tag)) {
            return Optional.of(tagSentence(want.series(), reporter.getKey(), tag, true));
          }
        }
        for (String tag : want.withTags()) {
          if (!reporter.getValue().contains(tag)) {
            return Optional.of(tagSentence(want.series(), reporter.getKey(), tag, false));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Bilingual tagSentence(String series, String proxy, String tag, boolean present) {
    return present
        ? new Bilingual(
            proxy + " still reports " + series + " with the tag " + tag + ".",
            proxy + " 上报的 " + series + " 仍带有标签 " + tag + "。")
        : new Bilingual(
            proxy + " reports " + series + " without the tag " + tag + ", which must stay.",
            proxy + " 上报的 " + series + " 缺少标签 " + tag + "，而这个标签必须保留。");
  }
}

package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.AccessLogPolicy;
import io.meshdojo.grader.mesh.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides a {@code loggedBy} expectation: exactly these proxies log each outcome of a probe. */
final class AccessLogVerdict {

  private AccessLogVerdict() {}

  /** Empty when every possible outcome is logged by exactly {@code want}; else what happens. */
  static Optional<Bilingual> check(
      AccessLogPolicy policy, Probe p, List<Outcome> outcomes, List<String> want) {
    for (Outcome out : outcomes) {
      if (out.probability() <= 1e-9) {
        continue;
      }
      List<String> got = policy.loggedBy(p.request(), out);
      if (!Set.copyOf(got).equals(Set.copyOf(want))) {
        String who = got.isEmpty() ? "no proxy" : String.join(", ", got);
        String whoZh = got.isEmpty() ? "没有任何代理" : String.join("、", got);
        String expected = want.isEmpty() ? "none" : String.join(", ", want);
        String expectedZh = want.isEmpty() ? "无" : String.join("、", want);
        return Optional.of(
            new Bilingual(
                "A request from "
                    + p.from()
                    + " to "
                    + p.host()
                    + ":"
                    + p.port()
                    + p.path()
                    + " that ends with "
                    + out.status()
                    + " is logged by "
                    + who
                    + " (expected: "
                    + expected
                    + ").",
                "从 "
                    + p.from()
                    + " 发往 "
                    + p.host()
                    + ":"
                    + p.port()
                    + p.path()
                    + " 且以 "
                    + out.status()
                    + " 结束的请求被 "
                    + whoZh
                    + " 记录到访问日志（预期："
                    + expectedZh
                    + "）。"));
      }
    }
    return Optional.empty();
  }
}

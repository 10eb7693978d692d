package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Limits;
import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.slime.SmartLimiterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Slime: quota must be a number or a pod-count template; condition must be Slime syntax. */
public final class SmartLimiterExpressions implements Check {

  @Override
  public String id() {
    return "slime-smartlimiter-expressions";
  }

  @Override
  public String description() {
    return "A SmartLimiter quota or condition is not in a form Slime can evaluate (e.g. \"{cpu}>0.8\").";
  }

  @Override
  public Set<String> reads() {
    return Set.of("SmartLimiter");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0402", "MDJ0404");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("SmartLimiter")) {
      SmartLimiterSpec spec = (SmartLimiterSpec) r.as(CustomResource.class).spec();
      if (spec == null || spec.sets() == null) {
        continue;
      }
      for (var set : spec.sets().entrySet()) {
        if (set.getValue() == null || set.getValue().descriptor() == null) {
          continue;
        }
        for (int i = 0; i < set.getValue().descriptor().size(); i++) {
          var d = set.getValue().descriptor().get(i);
          if (d.action() != null
              && d.action().quota() != null
              && (Limits.spaceOutsideTemplate(d.action().quota())
                  || (!Limits.validQuota(d.action().quota())
                      && !d.action().quota().contains("{{")))) {
            out.add(
                Finding.of(
                    "MDJ0402",
                    r.ref(),
                    "set",
                    set.getKey(),
                    "descriptor",
                    "" + i,
                    "quota",
                    d.action().quota()));
          }
          if (d.condition() != null
              && !d.condition().isBlank()
              && !Limits.validCondition(d.condition())) {
            out.add(
                Finding.of(
                    "MDJ0404",
                    r.ref(),
                    "set",
                    set.getKey(),
                    "descriptor",
                    "" + i,
                    "condition",
                    d.condition()));
          }
        }
      }
    }
    return out;
  }
}

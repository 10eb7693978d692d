package io.meshdojo.grader.checks;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Not in istioctl: a fault delay or abort without percentage injects nothing (istio#36303). */
public final class FaultWithoutPercentage implements Check {

  @Override
  public String id() {
    return "vs-fault-without-percentage";
  }

  @Override
  public String description() {
    return "A fault delay or abort has no percentage, so Istio injects nothing.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("VirtualService");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0301");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("VirtualService")) {
      List<HTTPRoute> rules = VsSupport.http(r);
      for (int i = 0; i < rules.size(); i++) {
        var fault = rules.get(i).getFault();
        if (fault == null) {
          continue;
        }
        if (fault.getDelay() != null
            && fault.getDelay().getPercentage() == null
            && (fault.getDelay().getPercent() == null || fault.getDelay().getPercent() == 0)) {
          out.add(
              Finding.of(
                  "MDJ0301",
                  r.ref(),
                  "rule",
                  VsSupport.ruleName(rules.get(i), i),
                  "fault",
                  "delay"));
        }
        if (fault.getAbort() != null && fault.getAbort().getPercentage() == null) {
          out.add(
              Finding.of(
                  "MDJ0301",
                  r.ref(),
                  "rule",
                  VsSupport.ruleName(rules.get(i), i),
                  "fault",
                  "abort"));
        }
      }
    }
    return out;
  }
}

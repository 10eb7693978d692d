package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.slime.SmartLimiterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Slime: the SmartLimiter must be named after its Service (same namespace), its target ports must
 * be ports of that Service, and each set must be _base or a DestinationRule subset.
 */
public final class SmartLimiterTarget implements Check {

  @Override
  public String id() {
    return "slime-smartlimiter-target";
  }

  @Override
  public String description() {
    return "A SmartLimiter is not named after an existing Service, targets a port the Service lacks, or names an unknown subset.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("SmartLimiter", "Service", "ServiceEntry", "DestinationRule");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0401", "MDJ0403", "MDJ0405");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("SmartLimiter")) {
      String host = r.name() + "." + r.namespace() + ".svc.cluster.local";
      var service = ctx.service(host);
      if (service.isEmpty()) {
        out.add(Finding.of("MDJ0401", r.ref(), "name", r.name(), "namespace", r.namespace()));
        continue;
      }
      SmartLimiterSpec spec = (SmartLimiterSpec) r.as(CustomResource.class).spec();
      if (spec == null || spec.sets() == null) {
        continue;
      }
      for (var set : spec.sets().entrySet()) {
        if (!set.getKey().equals("_base")
            && ctx.subsetLabels(host, set.getKey(), r.namespace()).isEmpty()) {
          out.add(Finding.of("MDJ0405", r.ref(), "set", set.getKey(), "host", host));
        }
        if (set.getValue() == null || set.getValue().descriptor() == null) {
          continue;
        }
        for (int i = 0; i < set.getValue().descriptor().size(); i++) {
          var d = set.getValue().descriptor().get(i);
          if (d.target() != null
              && d.target().port() != null
              && service.get().port(d.target().port()) == null) {
            out.add(
                Finding.of(
                    "MDJ0403",
                    r.ref(),
                    "set",
                    set.getKey(),
                    "descriptor",
                    "" + i,
                    "port",
                    "" + d.target().port(),
                    "service",
                    service.get().namespace() + "/" + service.get().name()));
          }
        }
      }
    }
    return out;
  }
}

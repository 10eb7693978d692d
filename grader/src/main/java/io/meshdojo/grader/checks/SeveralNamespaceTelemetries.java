package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** istioctl IST0160: more than one selector-less Telemetry in a namespace; one is picked. */
public final class SeveralNamespaceTelemetries implements Check {

  @Override
  public String id() {
    return "telemetry-several-namespace-wide";
  }

  @Override
  public String description() {
    return "A namespace has more than one Telemetry without selector, so only one of them applies.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("Telemetry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0210");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    Map<String, List<Resource>> byNamespace = new LinkedHashMap<>();
    for (Resource r : ctx.of("Telemetry")) {
      Object spec = r.raw().get("spec");
      boolean selector =
          spec instanceof Map<?, ?> m
              && (m.get("selector") != null
                  || m.get("targetRefs") != null
                  || m.get("targetRef") != null);
      if (!selector) {
        byNamespace.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Finding> out = new ArrayList<>();
    byNamespace.forEach(
        (ns, list) -> {
          if (list.size() > 1) {
            String others = String.join(", ", list.stream().map(Resource::ref).toList());
            list.forEach(
                r -> out.add(Finding.of("MDJ0210", r.ref(), "namespace", ns, "others", others)));
          }
        });
    return out;
  }
}

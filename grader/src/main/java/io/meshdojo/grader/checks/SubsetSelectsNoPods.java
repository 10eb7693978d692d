package io.meshdojo.grader.checks;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** istioctl IST0173 (1.27+): a DestinationRule subset whose labels select no pod of the host. */
public final class SubsetSelectsNoPods implements Check {

  @Override
  public String id() {
    return "dr-subset-selects-no-pods";
  }

  @Override
  public String description() {
    return "A DestinationRule subset's labels match no pod of its host, so requests routed to it fail with 503.";
  }

  @Override
  public Set<String> reads() {
    return Check.withWorkloads("DestinationRule", "Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0305");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("DestinationRule")) {
      var spec = r.as(DestinationRule.class).getSpec();
      if (spec == null || spec.getSubsets() == null) {
        continue;
      }
      String host = Mesh.fqdn(spec.getHost(), r.namespace());
      var service = ctx.service(host);
      if (service.isEmpty()) {
        continue;
      }
      var endpoints = ctx.endpoints(service.get());
      for (var s : spec.getSubsets()) {
        if (s.getLabels() != null && endpoints.stream().noneMatch(w -> w.matches(s.getLabels()))) {
          out.add(
              Finding.of(
                  "MDJ0305",
                  r.ref(),
                  "subset",
                  s.getName(),
                  "host",
                  host,
                  "labels",
                  s.getLabels().toString()));
        }
      }
    }
    return out;
  }
}

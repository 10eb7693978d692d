package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.aeraki.MetaRouterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Aeraki: a MetaRouter route names a subset no DestinationRule defines. */
public final class MetaRouterSubsetNotFound implements Check {

  @Override
  public String id() {
    return "aeraki-metarouter-subset";
  }

  @Override
  public String description() {
    return "A MetaRouter route sends calls to a subset that no DestinationRule for the host defines.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("MetaRouter", "DestinationRule", "Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0502");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("MetaRouter")) {
      MetaRouterSpec spec = (MetaRouterSpec) r.as(CustomResource.class).spec();
      if (spec == null || spec.routes() == null) {
        continue;
      }
      for (int i = 0; i < spec.routes().size(); i++) {
        var route = spec.routes().get(i);
        if (route.route() == null) {
          continue;
        }
        for (var d : route.route()) {
          if (d.destination() == null || d.destination().subset() == null) {
            continue;
          }
          String host = d.destination().host();
          if (ctx.subsetLabels(host, d.destination().subset(), r.namespace()).isEmpty()) {
            out.add(
                Finding.of(
                    "MDJ0502",
                    r.ref(),
                    "route",
                    route.name() == null ? "#" + (i + 1) : route.name(),
                    "subset",
                    d.destination().subset(),
                    "host",
                    host));
          }
        }
      }
    }
    return out;
  }
}

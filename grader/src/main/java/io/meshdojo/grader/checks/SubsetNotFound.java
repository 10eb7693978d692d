package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** istioctl IST0101 for subsets: a route names a subset no DestinationRule defines (503 NC). */
public final class SubsetNotFound implements Check {

  @Override
  public String id() {
    return "vs-subset-not-found";
  }

  @Override
  public String description() {
    return "A VirtualService routes to a subset that no DestinationRule for that host defines.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("VirtualService", "DestinationRule", "Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0202");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("VirtualService")) {
      Set<String> reported = new LinkedHashSet<>();
      for (var d : VsSupport.destinations(r)) {
        if (d.getSubset() == null) {
          continue;
        }
        String host = Mesh.fqdn(d.getHost(), r.namespace());
        if (ctx.subsetLabels(host, d.getSubset(), r.namespace()).isEmpty()
            && reported.add(host + "/" + d.getSubset())) {
          out.add(
              Finding.of(
                  "MDJ0202",
                  r.ref(),
                  "host",
                  host,
                  "subset",
                  d.getSubset(),
                  // istioctl names the host as the route writes it
                  "written",
                  d.getHost()));
        }
      }
    }
    return out;
  }
}

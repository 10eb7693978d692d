package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** istioctl IST0101 for hosts: a VirtualService routes to a host the registry does not know. */
public final class DestinationHostNotFound implements Check {

  @Override
  public String id() {
    return "vs-destination-host-not-found";
  }

  @Override
  public String description() {
    return "A VirtualService route or mirror names a destination host that is neither a Service nor a ServiceEntry host.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("VirtualService", "Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0201");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("VirtualService")) {
      Set<String> reported = new LinkedHashSet<>();
      for (var d : VsSupport.destinations(r)) {
        String host = Mesh.fqdn(d.getHost(), r.namespace());
        if (host != null
            && !host.contains("*")
            && ctx.service(host).isEmpty()
            && reported.add(host)) {
          out.add(Finding.of("MDJ0201", r.ref(), "host", host, "written", d.getHost()));
        }
      }
    }
    return out;
  }
}

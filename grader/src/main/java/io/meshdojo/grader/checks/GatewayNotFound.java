package io.meshdojo.grader.checks;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** istioctl IST0101 for gateways: a VirtualService is bound to a Gateway that does not exist. */
public final class GatewayNotFound implements Check {

  @Override
  public String id() {
    return "vs-gateway-not-found";
  }

  @Override
  public String description() {
    return "A VirtualService lists a gateway (other than mesh) that does not exist.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("VirtualService", "Gateway");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0203");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    Set<String> gateways = new HashSet<>();
    for (Resource g : ctx.of("Gateway")) {
      gateways.add(g.namespace() + "/" + g.name());
    }
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("VirtualService")) {
      var spec = r.as(VirtualService.class).getSpec();
      if (spec == null || spec.getGateways() == null) {
        continue;
      }
      for (String g : spec.getGateways()) {
        String ref = Mesh.gatewayRef(g, r.namespace());
        if (!ref.equals("mesh") && !gateways.contains(ref)) {
          out.add(Finding.of("MDJ0203", r.ref(), "gateway", ref));
        }
      }
    }
    return out;
  }
}

package io.meshdojo.grader.checks;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Not in istioctl: "reviews.bookinfo" looks like a short name but has a dot, so Istio does not
 * expand it and it matches no service.
 */
public final class DottedShortHost implements Check {

  @Override
  public String id() {
    return "dotted-short-host";
  }

  @Override
  public String description() {
    return "A host written as name.namespace is taken literally instead of being expanded to name.namespace.svc.cluster.local.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("VirtualService", "DestinationRule", "Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0303");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("VirtualService")) {
      var spec = r.as(VirtualService.class).getSpec();
      if (spec != null && spec.getHosts() != null) {
        spec.getHosts().forEach(h -> check(ctx, r, h, out));
      }
      VsSupport.destinations(r).forEach(d -> check(ctx, r, d.getHost(), out));
    }
    for (Resource r : ctx.of("DestinationRule")) {
      var spec = r.as(DestinationRule.class).getSpec();
      if (spec != null) {
        check(ctx, r, spec.getHost(), out);
      }
    }
    return out;
  }

  private static void check(CheckContext ctx, Resource r, String host, List<Finding> out) {
    if (host == null) {
      return;
    }
    String[] parts = host.split("\\.");
    if (parts.length == 2 || (parts.length == 3 && parts[2].equals("svc"))) {
      String expanded = parts[0] + "." + parts[1] + ".svc.cluster.local";
      if (ctx.service(host).isEmpty() && ctx.service(expanded).isPresent()) {
        Finding f = Finding.of("MDJ0303", r.ref(), "host", host, "suggestion", expanded);
        if (!out.contains(f)) {
          out.add(f);
        }
      }
    }
  }
}

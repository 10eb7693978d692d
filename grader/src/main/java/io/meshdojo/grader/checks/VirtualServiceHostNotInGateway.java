package io.meshdojo.grader.checks;

import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * istioctl IST0132: a VirtualService bound to a Gateway none of whose server hosts matches any of
 * the VirtualService's hosts; the gateway answers 404.
 */
public final class VirtualServiceHostNotInGateway implements Check {

  @Override
  public String id() {
    return "vs-host-not-in-gateway";
  }

  @Override
  public String description() {
    return "A VirtualService names a Gateway whose servers accept none of the VirtualService's hosts.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("VirtualService", "Gateway");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0211");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    Map<String, List<String>> serverHosts = new LinkedHashMap<>();
    for (Resource g : ctx.of("Gateway")) {
      var spec = g.as(Gateway.class).getSpec();
      List<String> hosts = new ArrayList<>();
      if (spec != null && spec.getServers() != null) {
        for (var s : spec.getServers()) {
          if (s.getHosts() != null) {
            s.getHosts()
                .forEach(h -> hosts.add(h.contains("/") ? h.substring(h.indexOf('/') + 1) : h));
          }
        }
      }
      serverHosts.put(g.namespace() + "/" + g.name(), hosts);
    }
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("VirtualService")) {
      var spec = r.as(VirtualService.class).getSpec();
      if (spec == null || spec.getGateways() == null || spec.getHosts() == null) {
        continue;
      }
      for (String g : spec.getGateways()) {
        String ref = Mesh.gatewayRef(g, r.namespace());
        List<String> hosts = serverHosts.get(ref);
        if (hosts == null) {
          continue; // a missing gateway is vs-gateway-not-found's business
        }
        boolean any =
            spec.getHosts().stream()
                .anyMatch(vh -> hosts.stream().anyMatch(sh -> intersect(vh, sh)));
        if (!any) {
          out.add(
              Finding.of(
                  "MDJ0211", r.ref(), "gateway", ref, "hosts", String.join(", ", spec.getHosts())));
        }
      }
    }
    return out;
  }

  static boolean intersect(String a, String b) {
    return Mesh.hostMatches(a, b)
        || Mesh.hostMatches(b, a)
        || (a.startsWith("*.")
            && b.startsWith("*.")
            && (a.endsWith(b.substring(1)) || b.endsWith(a.substring(1))));
  }
}

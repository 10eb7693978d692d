package io.meshdojo.grader.checks;

import io.fabric8.istio.api.networking.v1.Gateway;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.MeshService;
import io.meshdojo.grader.mesh.Workload;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * istioctl IST0162 (IST0104 before 1.20): a Gateway server port is neither a port nor a targetPort
 * of a Service that selects the gateway pods.
 */
public final class GatewayPortNotOnService implements Check {

  @Override
  public String id() {
    return "gateway-port-not-on-service";
  }

  @Override
  public String description() {
    return "A Gateway server listens on a port that no Service in front of the gateway pods exposes.";
  }

  @Override
  public Set<String> reads() {
    return Check.withWorkloads("Gateway", "Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0207");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("Gateway")) {
      var spec = r.as(Gateway.class).getSpec();
      if (spec == null || spec.getSelector() == null || spec.getServers() == null) {
        continue;
      }
      List<Workload> pods = ctx.selecting(null, spec.getSelector());
      List<MeshService> fronting = new ArrayList<>();
      for (MeshService s : ctx.services()) {
        if (s.source().is("Service") && ctx.endpoints(s).stream().anyMatch(pods::contains)) {
          fronting.add(s);
        }
      }
      if (pods.isEmpty() || fronting.isEmpty()) {
        continue;
      }
      for (var server : spec.getServers()) {
        if (server.getPort() == null || server.getPort().getNumber() == null) {
          continue;
        }
        int port = server.getPort().getNumber().intValue();
        boolean exposed =
            fronting.stream()
                .flatMap(s -> s.ports().stream())
                .anyMatch(p -> p.number() == port || p.targetPort() == port);
        if (!exposed) {
          out.add(
              Finding.of(
                  "MDJ0207", r.ref(), "port", "" + port, "selector", labels(spec.getSelector())));
        }
      }
    }
    return out;
  }

  /** Labels as Kubernetes writes a selector: {@code app=foo,version=v1}, sorted. */
  static String labels(java.util.Map<String, String> selector) {
    return new java.util.TreeMap<>(selector)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(java.util.stream.Collectors.joining(","));
  }
}

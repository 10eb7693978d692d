package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.MeshService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** istioctl IST0118: a Service port name without protocol prefix and without appProtocol. */
public final class PortNameWithoutProtocol implements Check {

  private static final List<String> PREFIXES =
      List.of(
          "http",
          "http2",
          "https",
          "grpc",
          "grpc-web",
          "tcp",
          "tls",
          "mongo",
          "mysql",
          "redis",
          "udp");

  @Override
  public String id() {
    return "service-port-name-protocol";
  }

  @Override
  public String description() {
    return "A Service port has neither a protocol-prefixed name (http, grpc, tcp…) nor appProtocol.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0206");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (MeshService s : ctx.services()) {
      // Like istioctl, system namespaces are not analysed.
      if (!s.source().is("Service")
          || s.namespace().equals("istio-system")
          || s.namespace().equals("kube-system")) {
        continue;
      }
      for (MeshService.ServicePort p : s.ports()) {
        if (p.appProtocol() != null || named(p.name())) {
          continue;
        }
        out.add(
            Finding.of(
                "MDJ0206",
                s.source().ref(),
                "port",
                "" + p.number(),
                "name",
                p.name() == null ? "" : p.name(),
                "targetPort",
                "" + p.targetPort()));
      }
    }
    return out;
  }

  static boolean named(String name) {
    if (name == null) {
      return false;
    }
    for (String prefix : PREFIXES) {
      if (name.equals(prefix) || name.startsWith(prefix + "-")) {
        return true;
      }
    }
    return false;
  }
}

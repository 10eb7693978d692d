package io.meshdojo.grader.checks;

import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.MeshService;
import io.meshdojo.grader.mesh.Security;
import io.meshdojo.grader.mesh.Workload;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Not in istioctl: a DestinationRule sends plaintext to workloads whose mTLS mode is STRICT. */
public final class StrictWithPlaintextClient implements Check {

  @Override
  public String id() {
    return "mtls-strict-with-disable-client";
  }

  @Override
  public String description() {
    return "A DestinationRule sets tls mode DISABLE for a host whose workloads require mTLS (STRICT).";
  }

  @Override
  public Set<String> reads() {
    return Check.withWorkloads("DestinationRule", "PeerAuthentication", "Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0302");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("DestinationRule")) {
      var spec = r.as(DestinationRule.class).getSpec();
      if (spec == null
          || spec.getTrafficPolicy() == null
          || spec.getTrafficPolicy().getTls() == null
          || spec.getTrafficPolicy().getTls().getMode() != ClientTLSSettingsTLSmode.DISABLE) {
        continue;
      }
      String host = Mesh.fqdn(spec.getHost(), r.namespace());
      var service = ctx.service(host);
      if (service.isEmpty()) {
        continue;
      }
      for (Workload w : ctx.endpoints(service.get())) {
        int port = service.get().ports().isEmpty() ? 0 : service.get().ports().get(0).targetPort();
        if (w.sidecar() && ctx.mtlsMode(w, port) == Security.Mode.STRICT) {
          out.add(Finding.of("MDJ0302", r.ref(), "host", host));
          break;
        }
      }
    }
    return out;
  }

  static int firstPort(MeshService s) {
    return s.ports().isEmpty() ? 0 : s.ports().get(0).targetPort();
  }
}

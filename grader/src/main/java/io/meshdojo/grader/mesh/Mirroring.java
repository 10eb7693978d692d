package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a route copies requests ({@code mirror} with {@code mirrorPercentage}, else the deprecated
 * {@code mirrorPercent}, default 100 %; or {@code mirrors}, each with its own {@code percentage}).
 * Copies are fire-and-forget: their answers are discarded and never change what the client gets. A
 * mirror whose host or subset cannot be resolved gets no copies.
 */
public final class Mirroring {

  private Mirroring() {}

  public static List<Outcome.Mirror> of(
      HTTPRoute rule, String vsNamespace, Workload client, Mesh mesh) {
    List<Outcome.Mirror> out = new ArrayList<>();
    if (rule.getMirror() != null) {
      double percent = 100;
      if (rule.getMirrorPercentage() != null && rule.getMirrorPercentage().getValue() != null) {
        percent = rule.getMirrorPercentage().getValue();
      } else if (rule.getMirrorPercent() != null) {
        percent = rule.getMirrorPercent();
      }
      copies(rule.getMirror(), percent, vsNamespace, client, mesh, out);
    }
    if (rule.getMirrors() != null) {
      for (HTTPMirrorPolicy m : rule.getMirrors()) {
        double percent =
            m.getPercentage() == null || m.getPercentage().getValue() == null
                ? 100
                : m.getPercentage().getValue();
        if (m.getDestination() != null) {
          copies(m.getDestination(), percent, vsNamespace, client, mesh, out);
        }
      }
    }
    return out;
  }

  private static void copies(
      Destination d,
      double percent,
      String vsNamespace,
      Workload client,
      Mesh mesh,
      List<Outcome.Mirror> out) {
    String host = Mesh.fqdn(d.getHost(), vsNamespace);
    var service = mesh.service(host);
    if (service.isEmpty() || percent <= 0) {
      return;
    }
    var endpoints = mesh.endpoints(service.get(), host, d.getSubset(), client.namespace());
    if (endpoints.isEmpty() || endpoints.get().isEmpty()) {
      return;
    }
    int pods = endpoints.get().stream().mapToInt(Workload::replicas).sum();
    for (Workload w : endpoints.get()) {
      out.add(new Outcome.Mirror(w, Math.min(percent, 100) / 100 * w.replicas() / pods));
    }
  }
}

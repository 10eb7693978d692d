package io.meshdojo.grader.checks;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the VirtualService checks. */
final class VsSupport {

  private VsSupport() {}

  static List<HTTPRoute> http(Resource r) {
    var spec = r.as(VirtualService.class).getSpec();
    return spec == null || spec.getHttp() == null ? List.of() : spec.getHttp();
  }

  static String ruleName(HTTPRoute rule, int index) {
    return rule.getName() != null ? "'" + rule.getName() + "'" : "#" + (index + 1);
  }

  /** Every destination of http routes and mirrors. */
  static List<Destination> destinations(Resource r) {
    List<Destination> out = new ArrayList<>();
    for (HTTPRoute rule : http(r)) {
      if (rule.getRoute() != null) {
        rule.getRoute()
            .forEach(
                d -> {
                  if (d.getDestination() != null) out.add(d.getDestination());
                });
      }
      if (rule.getMirror() != null) {
        out.add(rule.getMirror());
      }
    }
    var spec = r.as(VirtualService.class).getSpec();
    if (spec != null && spec.getTcp() != null) {
      spec.getTcp()
          .forEach(
              t -> {
                if (t.getRoute() != null)
                  t.getRoute()
                      .forEach(
                          d -> {
                            if (d.getDestination() != null) out.add(d.getDestination());
                          });
              });
    }
    return out;
  }
}

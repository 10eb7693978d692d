package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.MeshService;
import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.aeraki.MetaRouterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Aeraki: the MetaRouter's host (only the first is used, FQDN only) must be a registry host with a
 * {@code tcp-metaprotocol-<protocol>} port, or Aeraki never programs it.
 */
public final class MetaRouterHostNotFound implements Check {

  @Override
  public String id() {
    return "aeraki-metarouter-host";
  }

  @Override
  public String description() {
    return "A MetaRouter's host is not a Service or ServiceEntry host with a tcp-metaprotocol-<protocol> port.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("MetaRouter", "Service", "ServiceEntry");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0501");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("MetaRouter")) {
      MetaRouterSpec spec = (MetaRouterSpec) r.as(CustomResource.class).spec();
      if (spec == null || spec.hosts() == null || spec.hosts().isEmpty()) {
        continue;
      }
      String host = spec.hosts().get(0);
      var service = ctx.service(host);
      boolean metaPort =
          service.isPresent()
              && service.get().ports().stream()
                  .map(MeshService.ServicePort::name)
                  .anyMatch(n -> n != null && n.startsWith("tcp-metaprotocol-"));
      if (!metaPort) {
        out.add(Finding.of("MDJ0501", r.ref(), "host", host));
      }
    }
    return out;
  }
}

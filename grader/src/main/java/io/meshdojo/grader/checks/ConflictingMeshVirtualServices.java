package io.meshdojo.grader.checks;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** istioctl IST0109: several mesh-bound VirtualServices for one host are not merged. */
public final class ConflictingMeshVirtualServices implements Check {

  @Override
  public String id() {
    return "vs-conflicting-mesh-hosts";
  }

  @Override
  public String description() {
    return "Two or more mesh-bound VirtualServices claim the same host; sidecars use only one of them.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("VirtualService");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0204");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    Map<String, List<Resource>> byHost = new LinkedHashMap<>();
    for (Resource r : ctx.of("VirtualService")) {
      VirtualService vs = r.as(VirtualService.class);
      if (vs.getSpec() == null || vs.getSpec().getHosts() == null || !Mesh.meshBound(vs)) {
        continue;
      }
      for (String h : vs.getSpec().getHosts()) {
        byHost.computeIfAbsent(Mesh.fqdn(h, r.namespace()), k -> new ArrayList<>()).add(r);
      }
    }
    List<Finding> out = new ArrayList<>();
    byHost.forEach(
        (host, list) -> {
          if (list.size() > 1) {
            String others = String.join(", ", list.stream().map(Resource::ref).toList());
            for (Resource r : list) {
              out.add(Finding.of("MDJ0204", r.ref(), "host", host, "others", others));
            }
          }
        });
    return out;
  }
}

package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.aeraki.MetaRouterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Aeraki: weights should add up to 100; several MetaRouters for one host are picked at random. */
public final class MetaRouterWeights implements Check {

  @Override
  public String id() {
    return "aeraki-metarouter-weights";
  }

  @Override
  public String description() {
    return "A MetaRouter route's weights do not add up to 100, or several MetaRouters share a host.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("MetaRouter");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0503", "MDJ0504");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    Map<String, List<Resource>> byHost = new LinkedHashMap<>();
    for (Resource r : ctx.of("MetaRouter")) {
      MetaRouterSpec spec = (MetaRouterSpec) r.as(CustomResource.class).spec();
      if (spec == null) {
        continue;
      }
      if (spec.hosts() != null && !spec.hosts().isEmpty()) {
        byHost.computeIfAbsent(spec.hosts().get(0), k -> new ArrayList<>()).add(r);
      }
      if (spec.routes() == null) {
        continue;
      }
      for (int i = 0; i < spec.routes().size(); i++) {
        var route = spec.routes().get(i);
        if (route.route() == null || route.route().size() < 2) {
          continue;
        }
        long sum = route.route().stream().mapToLong(d -> d.weight() == null ? 0 : d.weight()).sum();
        if (sum != 100) {
          out.add(
              Finding.of(
                  "MDJ0503",
                  r.ref(),
                  "route",
                  route.name() == null ? "#" + (i + 1) : route.name(),
                  "sum",
                  "" + sum));
        }
      }
    }
    byHost.forEach(
        (host, list) -> {
          if (list.size() > 1) {
            String others = String.join(", ", list.stream().map(Resource::ref).toList());
            list.forEach(
                r -> out.add(Finding.of("MDJ0504", r.ref(), "host", host, "others", others)));
          }
        });
    return out;
  }
}

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

/**
 * Aeraki: several MetaRouters for one host are picked at random. (Weights that do not total 100 are
 * refused by Aeraki's webhook, in {@code intake.Validation}.)
 */
public final class MetaRouterSharedHost implements Check {

  @Override
  public String id() {
    return "aeraki-metarouter-shared-host";
  }

  @Override
  public String description() {
    return "Several MetaRouters share a host.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("MetaRouter");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0504");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    Map<String, List<Resource>> byHost = new LinkedHashMap<>();
    for (Resource r : ctx.of("MetaRouter")) {
      MetaRouterSpec spec = (MetaRouterSpec) r.as(CustomResource.class).spec();
      if (spec != null && spec.hosts() != null && !spec.hosts().isEmpty()) {
        byHost.computeIfAbsent(spec.hosts().get(0), k -> new ArrayList<>()).add(r);
      }
    }
    List<Finding> out = new ArrayList<>();
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

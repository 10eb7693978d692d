package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Re2;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.aeraki.MetaRouterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Aeraki MetaProtocol routing (Dubbo, Thrift): the MetaRouter whose first host is the called
 * service; routes in order, first match wins; weights relative; subsets from DestinationRules.
 * Without a MetaRouter calls spread over all providers.
 */
public final class MetaRoutes {

  private final Mesh mesh;

  public MetaRoutes(Mesh mesh) {
    this.mesh = mesh;
  }

  /** MetaRouters whose first host is {@code host}, in input order. */
  public List<Resource> routersFor(String host) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : mesh.of("MetaRouter")) {
      MetaRouterSpec spec = (MetaRouterSpec) r.as(CustomResource.class).spec();
      if (spec != null
          && spec.hosts() != null
          && !spec.hosts().isEmpty()
          && spec.hosts().get(0).equalsIgnoreCase(host)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Outcomes of one call with the given attributes (e.g. interface, method). */
  public List<Outcome> call(String from, String host, Map<String, String> attributes) {
    Workload client = mesh.workload(from).orElse(null);
    var service = mesh.service(host);
    if (client == null || service.isEmpty()) {
      return List.of(
          new Outcome(
              Outcome.Kind.UNKNOWN_HOST,
              0,
              null,
              null,
              0,
              1,
              List.of("unknown client or host " + host)));
    }
    List<Resource> routers = routersFor(host);
    if (routers.isEmpty()) {
      return spread(client, host, service.get(), null, 1.0, List.of("no MetaRouter for " + host));
    }
    Resource router = routers.get(0);
    MetaRouterSpec spec = (MetaRouterSpec) router.as(CustomResource.class).spec();
    List<MetaRouterSpec.Route> routes = spec.routes() == null ? List.of() : spec.routes();
    for (int i = 0; i < routes.size(); i++) {
      MetaRouterSpec.Route route = routes.get(i);
      if (!matches(route.match(), attributes)) {
        continue;
      }
      String where =
          "route "
              + (route.name() == null ? "#" + (i + 1) : "'" + route.name() + "'")
              + " of "
              + router.ref();
      List<MetaRouterSpec.WeightedDestination> dests =
          route.route() == null ? List.of() : route.route();
      long total = dests.stream().mapToLong(d -> d.weight() == null ? 0 : d.weight()).sum();
      List<Outcome> out = new ArrayList<>();
      for (MetaRouterSpec.WeightedDestination d : dests) {
        double share =
            dests.size() == 1
                ? 1.0
                : total == 0 ? 0 : (d.weight() == null ? 0 : d.weight()) / (double) total;
        if (share <= 0 || d.destination() == null) {
          continue;
        }
        out.addAll(
            spread(
                client,
                d.destination().host() == null ? host : d.destination().host(),
                service.get(),
                d.destination().subset(),
                share,
                List.of(where)));
      }
      if (out.isEmpty()) {
        return List.of(
            new Outcome(
                Outcome.Kind.NO_UPSTREAM,
                503,
                null,
                null,
                0,
                1,
                List.of(where + " has no destination")));
      }
      return Router.merge(out);
    }
    return List.of(
        new Outcome(
            Outcome.Kind.NO_ROUTE,
            404,
            null,
            null,
            0,
            1,
            List.of("no route of " + router.ref() + " matches")));
  }

  private List<Outcome> spread(
      Workload client,
      String host,
      MeshService fallback,
      String subset,
      double share,
      List<String> trace) {
    MeshService service = mesh.service(host).orElse(fallback);
    var subsetEndpoints = mesh.endpoints(service, host, subset, client.namespace());
    if (subsetEndpoints.isEmpty()) {
      return List.of(
          new Outcome(
              Outcome.Kind.NO_UPSTREAM,
              503,
              null,
              subset,
              0,
              share,
              List.of("subset " + subset + " of " + host + " is defined in no DestinationRule")));
    }
    List<Workload> endpoints = subsetEndpoints.get();
    if (endpoints.isEmpty()) {
      return List.of(
          new Outcome(
              Outcome.Kind.NO_UPSTREAM,
              503,
              null,
              subset,
              0,
              share,
              List.of("no provider for " + host)));
    }
    int pods = endpoints.stream().mapToInt(Workload::replicas).sum();
    List<Outcome> out = new ArrayList<>();
    for (Workload w : endpoints) {
      out.add(
          new Outcome(Outcome.Kind.REACHED, 200, w, subset, 0, share * w.replicas() / pods, trace));
    }
    return out;
  }

  private static boolean matches(MetaRouterSpec.Match match, Map<String, String> attributes) {
    if (match == null || match.attributes() == null) {
      return true;
    }
    for (var e : match.attributes().entrySet()) {
      String actual = attributes.get(e.getKey());
      MetaRouterSpec.StringMatch m = e.getValue();
      if (actual == null) {
        return false;
      }
      if (m == null) {
        continue;
      }
      if (m.exact() != null && !m.exact().isEmpty() && !m.exact().equals(actual)) {
        return false;
      }
      if (m.prefix() != null && !actual.startsWith(m.prefix())) {
        return false;
      }
      if (m.regex() != null && !Re2.fullMatch(m.regex(), actual)) {
        return false;
      }
    }
    return true;
  }
}

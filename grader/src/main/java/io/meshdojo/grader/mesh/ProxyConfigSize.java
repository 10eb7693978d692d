package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The clusters and outbound routes a sidecar holds, computed the way istiod 1.26 builds them for a
 * sidecar proxy (pilot/pkg/networking/core/cluster.go {@code BuildClusters}: one outbound cluster
 * per port of every service in the proxy's {@link SidecarScope}, one more per DestinationRule
 * subset and port, BlackHoleCluster and PassthroughCluster, one inbound cluster per port of the
 * services that select the workload and InboundPassthroughCluster; the bootstrap adds
 * prometheus_stats, agent, sds-grpc and xds-grpc). Routes are the outbound HTTP virtual hosts: one
 * per HTTP service port in scope (pilot/pkg/networking/core/httproute.go).
 */
public final class ProxyConfigSize {

  /** Clusters every sidecar holds whatever its scope (bootstrap and catch-all clusters). */
  public static final List<String> FIXED =
      List.of(
          "BlackHoleCluster",
          "InboundPassthroughCluster",
          "PassthroughCluster",
          "agent",
          "prometheus_stats",
          "sds-grpc",
          "xds-grpc");

  /** A proxy's size: its cluster names (as {@code istioctl proxy-config clusters} lists them). */
  public record Size(List<String> clusters, int routes) {}

  private final Mesh mesh;
  private final SidecarScope scope;

  public ProxyConfigSize(Mesh mesh) {
    this.mesh = mesh;
    this.scope = new SidecarScope(mesh);
  }

  public Size of(Workload w) {
    Set<String> clusters = new LinkedHashSet<>();
    int routes = 0;
    for (MeshService s : scope.services(w)) {
      for (String host : s.hosts()) {
        List<String> subsets = subsets(host, w.namespace());
        for (MeshService.ServicePort p : s.ports()) {
          clusters.add("outbound|" + p.number() + "||" + host);
          for (String subset : subsets) {
            clusters.add("outbound|" + p.number() + "|" + subset + "|" + host);
          }
          if (http(p)) {
            routes++;
          }
        }
      }
    }
    for (MeshService s : mesh.services()) {
      if (!s.source().is("ServiceEntry")
          && s.namespace().equals(w.namespace())
          && w.matches(s.selector())) {
        s.ports().forEach(p -> clusters.add("inbound|" + p.targetPort() + "||"));
      }
    }
    clusters.addAll(FIXED);
    return new Size(List.copyOf(clusters), routes);
  }

  private List<String> subsets(String host, String clientNs) {
    List<String> out = new ArrayList<>();
    for (Resource r : mesh.destinationRules(host, clientNs)) {
      var subsets = r.as(DestinationRule.class).getSpec().getSubsets();
      if (subsets != null) {
        subsets.forEach(s -> out.add(s.getName()));
      }
      // istiod merges DestinationRules for one host only when none selects workloads; the first
      // one found (client namespace, then service namespace, then root) supplies the subsets.
      break;
    }
    return out;
  }

  /** Ports Istio treats as HTTP (name prefix or appProtocol), which get a route configuration. */
  private static boolean http(MeshService.ServicePort p) {
    String proto = p.appProtocol() != null ? p.appProtocol() : p.name();
    if (proto == null) {
      return false;
    }
    String lower = proto.toLowerCase(Locale.ROOT);
    return (lower.startsWith("http") && !lower.startsWith("https")) || lower.startsWith("grpc");
  }
}

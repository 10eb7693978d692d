package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.networking.v1.ServiceEntry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Destinations outside the cluster's Services: ServiceEntry hosts (exact or {@code *.domain}
 * wildcards, visible through exportTo) and the hosts nothing registers, which the mesh's outbound
 * traffic policy lets out (ALLOW_ANY, through Envoy's PassthroughCluster) or blocks (REGISTRY_ONLY:
 * BlackHoleCluster, 502 for HTTP, a reset connection for TLS).
 */
public final class ExternalServices {

  private final Mesh mesh;

  public ExternalServices(Mesh mesh) {
    this.mesh = mesh;
  }

  /**
   * The registry entry a client in {@code clientNs} sees for a host: a Kubernetes Service, else a
   * ServiceEntry exported to that namespace whose hosts cover it (exact before wildcard).
   */
  public Optional<MeshService> lookup(String host, String clientNs) {
    MeshService wildcard = null;
    for (MeshService s : mesh.services()) {
      if (!s.source().is("ServiceEntry")) {
        if (s.hosts().stream().anyMatch(h -> h.equalsIgnoreCase(host))) {
          return Optional.of(s);
        }
        continue;
      }
      var spec = s.source().as(ServiceEntry.class).getSpec();
      if (!Mesh.visible(spec.getExportTo(), s.namespace(), clientNs)) {
        continue;
      }
      for (String h : s.hosts()) {
        if (h.equalsIgnoreCase(host)) {
          return Optional.of(s);
        }
        if (wildcard == null && h.startsWith("*.") && Mesh.hostMatches(h, host)) {
          wildcard = s;
        }
      }
    }
    return Optional.ofNullable(wildcard);
  }

  /**
   * Whether a registry entry's endpoints lie outside the mesh: a ServiceEntry that selects no
   * workloads (its hosts or endpoint addresses are dialled directly).
   */
  public static boolean outside(MeshService s) {
    return s.source().is("ServiceEntry")
        && s.source().as(ServiceEntry.class).getSpec().getWorkloadSelector() == null;
  }

  /**
   * The protocol a ServiceEntry declares for a port, upper case, or null when the port is not
   * declared. Kubernetes Services are left to the rest of the model.
   */
  public static String protocol(MeshService s, int port) {
    MeshService.ServicePort p = s.port(port);
    if (p == null) {
      return null;
    }
    return p.appProtocol() == null ? "TCP" : p.appProtocol().toUpperCase(Locale.ROOT);
  }

  /** A TLS client's bytes reach an HTTP port: the sidecar cannot parse them and drops the call. */
  public static boolean tlsOnHttpPort(String protocol, boolean tls) {
    return tls && protocol != null && List.of("HTTP", "HTTP2", "GRPC").contains(protocol);
  }

  /**
   * Outcomes for a host no registry entry covers, as the outbound traffic policy of the client's
   * proxy (its revision's mesh config) decides.
   */
  public List<Outcome> unregistered(Workload client, String host, int port, boolean tls) {
    if (MeshConfig.outboundMode(mesh, client) == MeshConfig.OutboundMode.REGISTRY_ONLY) {
      String why = host + " is not in the registry and the outbound policy is REGISTRY_ONLY";
      return List.of(
          new Outcome(Outcome.Kind.BLOCKED, tls ? 0 : 502, null, null, 0, 1.0, List.of(why)));
    }
    return List.of(
        new Outcome(
            Outcome.Kind.REACHED,
            200,
            Workload.outside(host),
            null,
            0,
            1.0,
            List.of(host + ":" + port + " leaves the mesh through the passthrough (ALLOW_ANY)")));
  }
}

package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which registry services a proxy is given, as istiod decides it (pilot/pkg/model/sidecar.go,
 * {@code DefaultSidecarScopeForNamespace} / {@code convertToSidecarScope}): every service exported
 * to the proxy's namespace, narrowed by the {@code Sidecar} that applies to it (one with a matching
 * {@code workloadSelector} in its namespace, else the namespace's selector-less one, else the root
 * namespace's selector-less one). {@code egress.hosts} entries are {@code ns/host}: {@code *},
 * {@code .} (the Sidecar's namespace) or a namespace name, {@code ~} for none; host {@code *},
 * {@code *.suffix} or a name. A host outside the scope goes through the outbound traffic policy:
 * {@code ALLOW_ANY} (Istio's default) passes it through untouched by routing rules, {@code
 * REGISTRY_ONLY} sends it to the BlackHoleCluster (502).
 */
public final class SidecarScope {

  private final Mesh mesh;

  public SidecarScope(Mesh mesh) {
    this.mesh = mesh;
  }

  /** The Sidecar resource in force for a workload, if any. */
  public Optional<Resource> sidecarFor(Workload w) {
    return Telemetries.mostSpecific(
        mesh.of("Sidecar"),
        w,
        spec -> Telemetries.map(Telemetries.map(spec.get("workloadSelector")).get("labels")));
  }

  /** Services the workload's proxy holds configuration for, in registry order. */
  public List<MeshService> services(Workload w) {
    Optional<Resource> sidecar = sidecarFor(w);
    List<MeshService> out = new ArrayList<>();
    for (MeshService s : mesh.services()) {
      if (!exported(s, w.namespace())) {
        continue;
      }
      if (sidecar.isEmpty()
          || s.hosts().stream().anyMatch(h -> inEgress(sidecar.get(), w.namespace(), s, h))) {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether a proxy has the host in its configuration (so routing rules apply to it). */
  public boolean holds(Workload w, String fqdnHost) {
    return services(w).stream()
        .anyMatch(s -> s.hosts().stream().anyMatch(h -> h.equalsIgnoreCase(fqdnHost)));
  }

  /**
   * What a workload's proxy does with a host outside its scope or the registry: the Sidecar's own
   * outboundTrafficPolicy, else the mesh config's.
   */
  public MeshConfig.OutboundMode outboundMode(Workload w) {
    return sidecarFor(w)
        .map(sidecar -> Telemetries.map(sidecar.raw().get("spec")).get("outboundTrafficPolicy"))
        .flatMap(MeshConfig::outboundMode)
        .orElseGet(() -> MeshConfig.outboundMode(mesh, w));
  }

  /** Whether such a host is black-holed (REGISTRY_ONLY) rather than passed through. */
  public boolean registryOnly(Workload w) {
    return outboundMode(w) == MeshConfig.OutboundMode.REGISTRY_ONLY;
  }

  private static boolean exported(MeshService s, String fromNamespace) {
    List<String> exportTo = new ArrayList<>();
    Map<String, Object> raw = s.source().raw();
    if (s.source().is("ServiceEntry")) {
      Telemetries.list(Telemetries.map(raw.get("spec")).get("exportTo"))
          .forEach(e -> exportTo.add(String.valueOf(e)));
    } else {
      Map<String, Object> annotations =
          Telemetries.map(Telemetries.map(raw.get("metadata")).get("annotations"));
      Object annotation = annotations.get("networking.istio.io/exportTo");
      if (annotation != null) {
        for (String e : String.valueOf(annotation).split(",")) {
          exportTo.add(e.trim());
        }
      }
    }
    return Mesh.visible(exportTo, s.namespace(), fromNamespace);
  }

  private static boolean inEgress(
      Resource sidecar, String proxyNamespace, MeshService s, String host) {
    Map<String, Object> spec = Telemetries.map(sidecar.raw().get("spec"));
    List<Object> egress = Telemetries.list(spec.get("egress"));
    for (Object listener : egress) {
      for (Object entry : Telemetries.list(Telemetries.map(listener).get("hosts"))) {
        String e = String.valueOf(entry);
        int slash = e.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String ns = e.substring(0, slash);
        String pattern = e.substring(slash + 1);
        boolean nsOk =
            ns.equals("*")
                || (ns.equals(".") && s.namespace().equals(proxyNamespace))
                || ns.equals(s.namespace());
        if (nsOk && Mesh.hostMatches(pattern, host)) {
          return true;
        }
      }
    }
    return false;
  }
}

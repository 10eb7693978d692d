package io.meshdojo.grader.api;

import io.meshdojo.grader.mesh.AccessLogPolicy;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.MeshConfig;
import io.meshdojo.grader.mesh.MetricsPolicy;
import io.meshdojo.grader.mesh.ProxyConfigSize;
import io.meshdojo.grader.mesh.Request;
import io.meshdojo.grader.mesh.SidecarScope;
import io.meshdojo.grader.mesh.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the mesh model says about one sandbox's proxies, for the simulated data plane: which proxy
 * writes an access log line for a request, which clusters each proxy holds, and whether a host is
 * outside its Sidecar scope. Built once from a sandbox's objects (plain maps; kinds the grader does
 * not model are left out); immutable.
 */
public final class ProxyView {

  /** Istio's standard metric labels, in the order a proxy prints them. */
  public static final List<String> STANDARD_TAGS = MetricsPolicy.STANDARD_TAGS;

  /** A proxy's config size: cluster names as {@code istioctl proxy-config clusters} lists them. */
  public record ConfigSize(List<String> clusters, int routes) {}

  private final Mesh mesh;
  private final AccessLogPolicy accessLogs;
  private final MetricsPolicy metrics;
  private final ProxyConfigSize sizes;
  private final SidecarScope scope;

  ProxyView(Mesh mesh) {
    this.mesh = mesh;
    this.accessLogs = new AccessLogPolicy(mesh);
    this.metrics = new MetricsPolicy(mesh);
    this.sizes = new ProxyConfigSize(mesh);
    this.scope = new SidecarScope(mesh);
  }

  /** The model of a sandbox's objects. */
  public static ProxyView of(List<Map<String, Object>> objects) {
    return new ProxyView(new Mesh(List.copyOf(Grader.readModelled(objects).resources())));
  }

  /**
   * Does the proxy of workload {@code proxy} ({@code ns/name}) write an access log line for a
   * request it sends ({@code inbound} false) or receives ({@code inbound} true) that ends with
   * {@code status} and Envoy response flags {@code flags} ("-" for none)? False for a workload
   * without a proxy or unknown.
   */
  public boolean logs(
      String proxy,
      boolean inbound,
      String method,
      String host,
      String path,
      Map<String, String> headers,
      int status,
      String flags) {
    Optional<Workload> w = mesh.workload(proxy);
    if (w.isEmpty() || !proxy.contains("/")) {
      return false;
    }
    Request req = new Request(proxy, host, 80, method, path, headers, null);
    AccessLogPolicy.Side side = inbound ? AccessLogPolicy.Side.SERVER : AccessLogPolicy.Side.CLIENT;
    return accessLogs.logs(w.get(), side, req, status, flags == null ? "-" : flags);
  }

  /**
   * The standard metrics the proxy of workload {@code proxy} ({@code ns/name}) reports for requests
   * it sends ({@code inbound} false) or receives, under Telemetry: each Prometheus family (such as
   * {@code istio_requests_total}) with the tags it keeps; a disabled metric is absent, and so is
   * everything for a workload without a proxy or unknown.
   */
  public Map<String, Set<String>> reportedMetrics(String proxy, boolean inbound) {
    AccessLogPolicy.Side side = inbound ? AccessLogPolicy.Side.SERVER : AccessLogPolicy.Side.CLIENT;
    Map<String, Set<String>> out = new TreeMap<>();
    mesh.workload(proxy)
        .ifPresent(
            w ->
                MetricsPolicy.SERIES.forEach(
                    (metric, family) -> {
                      MetricsPolicy.Reported r = metrics.reported(w, metric, side);
                      if (r.enabled()) {
                        out.put(family, r.tags());
                      }
                    }));
    return out;
  }

  /** The clusters and outbound route count of a workload's proxy, empty when it has none. */
  public Optional<ConfigSize> configSize(String proxy) {
    return mesh.workload(proxy)
        .filter(Workload::sidecar)
        .map(sizes::of)
        .map(s -> new ConfigSize(s.clusters(), s.routes()));
  }

  /**
   * Whether the proxy of a workload or pod ({@code ns/name}) holds configuration for a fully
   * qualified host; true when the model knows no such proxy (nothing narrows it).
   */
  public boolean holds(String proxy, String fqdnHost) {
    return mesh.workload(proxy).map(w -> !w.sidecar() || scope.holds(w, fqdnHost)).orElse(true);
  }

  /**
   * Why istiod cannot read a mesh config document, in its words (what it logs after {@code invalid
   * mesh config, using last known state:}); empty when it can.
   */
  public static Optional<String> unreadableMeshConfig(String text) {
    return MeshConfig.unreadable(text);
  }
}

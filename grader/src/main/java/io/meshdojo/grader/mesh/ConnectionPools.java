package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyPortTrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.meshdojo.grader.model.Durations;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The circuit breakers of a client's cluster for a destination: DestinationRule connection-pool
 * limits under a concurrent load, and outlier detection after errors. The policy is the one the
 * client sees (first DestinationRule with a top-level policy among client, service and root
 * namespace), a matching {@code portLevelSettings} entry replacing a whole group, then the routed
 * subset's policy replacing a whole group again. Upstream connections are HTTP/1.1 (Istio does not
 * upgrade to HTTP/2 by default): one request in flight per connection.
 */
public final class ConnectionPools {

  private final Mesh mesh;

  public ConnectionPools(Mesh mesh) {
    this.mesh = mesh;
  }

  /**
   * The share of a steady load of {@code concurrency} busy connections that finds connections and
   * pending queue full: 503 with flag {@code UO}. Real runs vary around it.
   */
  public double overflowShare(
      String host, int port, String subset, String clientNs, int concurrency) {
    if (concurrency <= 1) {
      return 0;
    }
    ConnectionPoolSettings pool =
        group(
            host,
            port,
            subset,
            clientNs,
            TrafficPolicy::getConnectionPool,
            TrafficPolicyPortTrafficPolicy::getConnectionPool);
    if (pool == null) {
      return 0;
    }
    long active = Long.MAX_VALUE;
    long pending = Long.MAX_VALUE;
    if (pool.getTcp() != null && pool.getTcp().getMaxConnections() != null) {
      active = pool.getTcp().getMaxConnections();
    }
    if (pool.getHttp() != null) {
      if (pool.getHttp().getHttp2MaxRequests() != null) {
        active = Math.min(active, pool.getHttp().getHttp2MaxRequests());
      }
      if (pool.getHttp().getHttp1MaxPendingRequests() != null) {
        pending = pool.getHttp().getHttp1MaxPendingRequests();
      }
    }
    long capacity =
        active == Long.MAX_VALUE || pending == Long.MAX_VALUE ? Long.MAX_VALUE : active + pending;
    return capacity >= concurrency ? 0 : (concurrency - capacity) / (double) concurrency;
  }

  /**
   * The endpoints still in the client's load-balancing pool after every pod answered the past
   * errors: pods are ejected when the errors reach a consecutive threshold ({@code
   * consecutive5xxErrors}, default 5; {@code consecutiveGatewayErrors} for 502–504), for {@code
   * baseEjectionTime} (default 30 s), and at most {@code maxEjectionPercent} of them (default 10 %,
   * but Envoy always ejects at least one). Without outlier detection nobody is ejected.
   */
  public List<Workload> remaining(
      String host,
      int port,
      String subset,
      String clientNs,
      List<Workload> endpoints,
      Traffic.PastErrors past) {
    if (past == null) {
      return endpoints;
    }
    OutlierDetection od =
        group(
            host,
            port,
            subset,
            clientNs,
            TrafficPolicy::getOutlierDetection,
            TrafficPolicyPortTrafficPolicy::getOutlierDetection);
    if (od == null || past == null || !ejects(od, past)) {
      return endpoints;
    }
    long baseMs =
        od.getBaseEjectionTime() == null
            ? 30_000
            : Durations.millis(od.getBaseEjectionTime()).orElse(30_000);
    if (past.elapsedMs() >= baseMs) {
      return endpoints;
    }
    int pods = endpoints.stream().mapToInt(Workload::replicas).sum();
    int percent = od.getMaxEjectionPercent() == null ? 10 : od.getMaxEjectionPercent();
    int ejectable = Math.max(1, pods * percent / 100);
    List<Workload> left = new ArrayList<>();
    for (Workload w : endpoints) {
      int out = Math.min(w.replicas(), ejectable);
      ejectable -= out;
      if (w.replicas() > out) {
        left.add(
            new Workload(
                w.namespace(),
                w.name(),
                w.labels(),
                w.serviceAccount(),
                w.replicas() - out,
                w.sidecar()));
      }
    }
    return left;
  }

  private static boolean ejects(OutlierDetection od, Traffic.PastErrors past) {
    int status = past.status();
    int fiveXx = od.getConsecutive5xxErrors() == null ? 5 : od.getConsecutive5xxErrors();
    Integer gateway =
        od.getConsecutiveGatewayErrors() != null
            ? od.getConsecutiveGatewayErrors()
            : od.getConsecutiveErrors();
    boolean byFiveXx = status >= 500 && fiveXx > 0 && past.count() >= fiveXx;
    boolean byGateway =
        status >= 502 && status <= 504 && gateway != null && gateway > 0 && past.count() >= gateway;
    return byFiveXx || byGateway;
  }

  private <T> T group(
      String host,
      int port,
      String subset,
      String clientNs,
      Function<TrafficPolicy, T> top,
      Function<TrafficPolicyPortTrafficPolicy, T> perPort) {
    T found = null;
    boolean topSeen = false;
    for (Resource r : mesh.destinationRules(host, clientNs)) {
      var spec = r.as(DestinationRule.class).getSpec();
      if (!topSeen && spec.getTrafficPolicy() != null) {
        topSeen = true;
        found = atPort(spec.getTrafficPolicy(), port, top, perPort);
      }
      if (subset != null && spec.getSubsets() != null) {
        for (var s : spec.getSubsets()) {
          if (subset.equals(s.getName()) && s.getTrafficPolicy() != null) {
            T own = atPort(s.getTrafficPolicy(), port, top, perPort);
            return own != null ? own : found;
          }
        }
      }
    }
    return found;
  }

  private static <T> T atPort(
      TrafficPolicy policy,
      int port,
      Function<TrafficPolicy, T> top,
      Function<TrafficPolicyPortTrafficPolicy, T> perPort) {
    if (policy.getPortLevelSettings() != null) {
      for (TrafficPolicyPortTrafficPolicy p : policy.getPortLevelSettings()) {
        if (p.getPort() != null
            && p.getPort().getNumber() != null
            && p.getPort().getNumber() == port) {
          return perPort.apply(p);
        }
      }
    }
    return top.apply(policy);
  }
}

package io.meshdojo.sandbox.dataplane;

import io.meshdojo.grader.api.MeshAnswers;
import io.meshdojo.grader.api.ProxyView;
import io.meshdojo.sandbox.dataplane.SandboxPicture.Pod;
import io.meshdojo.sandbox.metrics.SandboxMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Istio's standard metrics for one request of the simulated data plane: what the client's proxy
 * (reporter {@code source}) and the server's (reporter {@code destination}) report, with the tags
 * the grader's metrics model says each keeps under Telemetry ({@link ProxyView#reportedMetrics}). A
 * gateway the request passed through reports it as {@code source} too, as the client of what it
 * forwards. A mirrored copy is reported by the mirror target's proxy only (reporter {@code
 * destination}): Envoy sends the shadow from no listener of the client's, so its proxy counts
 * nothing for it (istio/istio#23496). Principals are {@code unknown}: the simulated pods carry no
 * workload certificates.
 */
final class RequestMetrics {

  /**
   * One finished request, as both ends saw it.
   *
   * @param gateways the pods of the gateways it passed through, in order
   * @param mutualTls whether it reached the server's proxy over Istio mTLS
   */
  record Finished(
      Instant at,
      Pod client,
      boolean clientProxy,
      List<Pod> gateways,
      Pod server,
      boolean serverProxy,
      boolean mutualTls,
      MeshAnswers.Answer answer,
      String destinationHost,
      int status,
      long clientMs,
      long serverMs,
      long requestBytes,
      long responseBytes) {}

  private RequestMetrics() {}

  static void record(SandboxMetrics metrics, String sandbox, ProxyView proxies, Finished r) {
    Map<String, String> labels = new LinkedHashMap<>();
    workloadLabels(labels, "source", r.client());
    workloadLabels(labels, "destination", r.server());
    String host = r.destinationHost();
    String[] parts = host.split("\\.");
    labels.put("destination_service", host);
    labels.put("destination_service_name", parts[0]);
    labels.put(
        "destination_service_namespace",
        host.endsWith(".svc.cluster.local") && parts.length > 1 ? parts[1] : "unknown");
    labels.put("source_principal", "unknown");
    labels.put("destination_principal", "unknown");
    labels.put("request_protocol", "http");
    labels.put("response_code", String.valueOf(r.status()));
    labels.put("grpc_response_status", "");
    if (r.clientProxy()) {
      Map<String, String> source = new LinkedHashMap<>(labels);
      source.put("reporter", "source");
      source.put("response_flags", r.answer().responseFlags());
      source.put("connection_security_policy", "unknown");
      source.put(SandboxMetrics.UPSTREAM_CLUSTER, r.answer().upstreamCluster());
      report(metrics, sandbox, proxies, r, r.client(), false, source, r.clientMs());
    }
    for (Pod gateway : r.gateways()) {
      Map<String, String> forwarded = new LinkedHashMap<>(labels);
      workloadLabels(forwarded, "source", gateway);
      forwarded.put("reporter", "source");
      forwarded.put("response_flags", r.answer().responseFlags());
      forwarded.put("connection_security_policy", "unknown");
      report(metrics, sandbox, proxies, r, gateway, false, forwarded, r.clientMs());
    }
    if (r.serverProxy()) {
      Map<String, String> destination = new LinkedHashMap<>(labels);
      destination.put("reporter", "destination");
      destination.put("response_flags", r.answer().reached() ? "-" : r.answer().responseFlags());
      destination.put("connection_security_policy", r.mutualTls() ? "mutual_tls" : "none");
      report(metrics, sandbox, proxies, r, r.server(), true, destination, r.serverMs());
    }
  }

  private static void report(
      SandboxMetrics metrics,
      String sandbox,
      ProxyView proxies,
      Finished r,
      Pod proxy,
      boolean inbound,
      Map<String, String> labels,
      long durationMs) {
    Map<String, Set<String>> reported = proxies.reportedMetrics(proxy.workload(), inbound);
    if (reported.isEmpty()) {
      return;
    }
    metrics.record(
        sandbox,
        new SandboxMetrics.RequestSample(
            r.at(),
            labels.get("reporter"),
            proxy.namespace(),
            proxy.name(),
            labels,
            durationMs,
            r.requestBytes(),
            r.responseBytes(),
            reported));
  }

  private static void workloadLabels(Map<String, String> labels, String side, Pod pod) {
    if (pod == null) {
      for (String l : new String[] {"workload", "workload_namespace", "app", "version"}) {
        labels.put(side + "_" + l, "unknown");
      }
      labels.put(side + "_canonical_service", "unknown");
      labels.put(side + "_canonical_revision", "latest");
      labels.put(side + "_cluster", "unknown");
      return;
    }
    String name = pod.workload().substring(pod.workload().indexOf('/') + 1);
    String app = pod.labels().getOrDefault("app", "unknown");
    String version = pod.labels().getOrDefault("version", "unknown");
    labels.put(side + "_workload", name);
    labels.put(side + "_workload_namespace", pod.namespace());
    labels.put(side + "_app", app);
    labels.put(side + "_version", version);
    labels.put(
        side + "_canonical_service",
        pod.labels()
            .getOrDefault("service.istio.io/canonical-name", app.equals("unknown") ? name : app));
    labels.put(
        side + "_canonical_revision",
        pod.labels()
            .getOrDefault(
                "service.istio.io/canonical-revision",
                version.equals("unknown") ? "latest" : version));
    labels.put(side + "_cluster", "Kubernetes");
  }
}

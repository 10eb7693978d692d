package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Istio's standard metrics as one proxy reports them under Telemetry {@code metrics} overrides:
 * whether a metric is reported and with which tags. Overrides of the root namespace, then of the
 * proxy's namespace, then of a Telemetry selecting the workload are applied in that order, a later
 * one winning for the same metric and tag (Istio merges metric overrides across levels). An
 * override matches a metric by name or {@code ALL_METRICS} (the default) and a side by {@code mode}
 * (CLIENT_AND_SERVER by default); {@code disabled} turns the metric off, {@code tagOverrides}
 * removes a tag ({@code operation: REMOVE}) or adds or upserts one. Only the {@code prometheus}
 * provider, or none, counts.
 */
public final class MetricsPolicy {

  /** Telemetry's metric names and the Prometheus series they produce. */
  public static final Map<String, String> SERIES =
      Map.of(
          "REQUEST_COUNT", "istio_requests_total",
          "REQUEST_DURATION", "istio_request_duration_milliseconds",
          "REQUEST_SIZE", "istio_request_bytes",
          "RESPONSE_SIZE", "istio_response_bytes",
          "TCP_OPENED_CONNECTIONS", "istio_tcp_connections_opened_total",
          "TCP_CLOSED_CONNECTIONS", "istio_tcp_connections_closed_total",
          "TCP_SENT_BYTES", "istio_tcp_sent_bytes_total",
          "TCP_RECEIVED_BYTES", "istio_tcp_received_bytes_total",
          "GRPC_REQUEST_MESSAGES", "istio_request_messages_total",
          "GRPC_RESPONSE_MESSAGES", "istio_response_messages_total");

  /** The labels every standard metric carries by default. */
  public static final List<String> STANDARD_TAGS =
      List.of(
          "reporter",
          "source_workload",
          "source_workload_namespace",
          "source_principal",
          "source_app",
          "source_version",
          "source_canonical_service",
          "source_canonical_revision",
          "source_cluster",
          "destination_workload",
          "destination_workload_namespace",
          "destination_principal",
          "destination_app",
          "destination_version",
          "destination_service",
          "destination_service_name",
          "destination_service_namespace",
          "destination_canonical_service",
          "destination_canonical_revision",
          "destination_cluster",
          "request_protocol",
          "response_code",
          "grpc_response_status",
          "response_flags",
          "connection_security_policy");

  /** What a proxy reports for one metric on one side: nothing, or these tags. */
  public record Reported(boolean enabled, Set<String> tags) {}

  private final Mesh mesh;

  public MetricsPolicy(Mesh mesh) {
    this.mesh = mesh;
  }

  /** A metric ({@code REQUEST_COUNT} …) as the proxy reports it on a side. */
  public Reported reported(Workload proxy, String metric, AccessLogPolicy.Side side) {
    boolean enabled = proxy.sidecar();
    Set<String> tags = new LinkedHashSet<>(STANDARD_TAGS);
    for (Resource r : levels(proxy)) {
      Map<String, Object> spec = Telemetries.map(r.raw().get("spec"));
      for (Object m : Telemetries.list(spec.get("metrics"))) {
        Map<String, Object> entry = Telemetries.map(m);
        List<Object> providers = Telemetries.list(entry.get("providers"));
        boolean prometheus =
            providers.isEmpty()
                || providers.stream()
                    .anyMatch(p -> "prometheus".equals(Telemetries.map(p).get("name")));
        if (!prometheus) {
          continue;
        }
        for (Object o : Telemetries.list(entry.get("overrides"))) {
          Map<String, Object> override = Telemetries.map(o);
          if (!applies(Telemetries.map(override.get("match")), metric, side)) {
            continue;
          }
          if (override.get("disabled") instanceof Boolean d) {
            enabled = proxy.sidecar() && !d;
          }
          Telemetries.map(override.get("tagOverrides"))
              .forEach(
                  (tag, how) -> {
                    if ("REMOVE".equals(Telemetries.map(how).get("operation"))) {
                      tags.remove(tag);
                    } else {
                      tags.add(tag);
                    }
                  });
        }
      }
    }
    return new Reported(enabled, Set.copyOf(tags));
  }

  /** Telemetry's metric name for a Prometheus series name, such as {@code REQUEST_COUNT}. */
  public static Optional<String> metricOf(String series) {
    return SERIES.entrySet().stream()
        .filter(e -> e.getValue().equals(series))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /**
   * The proxies (ids, client first) that report a metric for one outcome of a request, with the
   * tags each reports: the client's, and the server's when the request reached its proxy.
   */
  public Map<String, Set<String>> reporters(Request req, Outcome outcome, String metric) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    mesh.workload(req.from())
        .map(w -> Map.entry(w.id(), reported(w, metric, AccessLogPolicy.Side.CLIENT)))
        .filter(e -> e.getValue().enabled())
        .ifPresent(e -> out.put(e.getKey(), e.getValue().tags()));
    Workload server = outcome.workload();
    boolean reachedProxy =
        outcome.kind() == Outcome.Kind.REACHED || outcome.kind() == Outcome.Kind.DENIED;
    if (server != null && reachedProxy) {
      Reported r = reported(server, metric, AccessLogPolicy.Side.SERVER);
      if (r.enabled()) {
        out.put(server.id(), r.tags());
      }
    }
    return out;
  }

  /** Root, then namespace, then workload Telemetry with metrics: later levels override. */
  private List<Resource> levels(Workload w) {
    List<Resource> withMetrics =
        mesh.of("Telemetry").stream()
            .filter(r -> Telemetries.map(r.raw().get("spec")).containsKey("metrics"))
            .toList();
    List<Resource> out = new ArrayList<>();
    Optional<Resource> workload = Optional.empty();
    for (Resource r : withMetrics) {
      Map<String, Object> labels =
          Telemetries.map(
              Telemetries.map(Telemetries.map(r.raw().get("spec")).get("selector"))
                  .get("matchLabels"));
      if (labels.isEmpty() && r.namespace().equals(Mesh.ROOT_NAMESPACE)) {
        out.add(0, r);
      } else if (labels.isEmpty() && r.namespace().equals(w.namespace())) {
        out.add(r);
      } else if (!labels.isEmpty()
          && r.namespace().equals(w.namespace())
          && Telemetries.matches(w, labels)
          && workload.isEmpty()) {
        workload = Optional.of(r);
      }
    }
    workload.ifPresent(out::add);
    return out;
  }

  private static boolean applies(
      Map<String, Object> match, String metric, AccessLogPolicy.Side side) {
    Object name = match.getOrDefault("metric", "ALL_METRICS");
    Object mode = match.getOrDefault("mode", "CLIENT_AND_SERVER");
    boolean metricOk = name.equals("ALL_METRICS") || name.equals(metric);
    boolean sideOk =
        mode.equals("CLIENT_AND_SERVER")
            || mode.equals(side == AccessLogPolicy.Side.CLIENT ? "CLIENT" : "SERVER");
    return metricOk && sideOk;
  }
}

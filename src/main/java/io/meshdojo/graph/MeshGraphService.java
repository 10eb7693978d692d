package io.meshdojo.graph;

import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.metrics.SandboxMetrics;
import io.meshdojo.sandbox.metrics.SandboxMetrics.RequestSample;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a learner's mesh graph from the sandbox's Istio metrics ({@link SandboxMetrics}, the
 * series {@code istio_requests_total}) as Kiali builds its versioned-app graph from Prometheus:
 * client workload → service → answering workload. Each request counts once: as its client's proxy
 * reported it (reporter {@code source}, with its status and response flags), or as the server's
 * proxy did (reporter {@code destination}) where no client proxy reported it (a client without a
 * sidecar, a mirrored copy). mTLS is what the server's proxy reports ({@code
 * connection_security_policy}); a client's proxy reports it {@code unknown}, as Istio's does. What
 * no proxy counts (Telemetry off, no sidecar on either side) is not drawn, as in Kiali.
 */
@ApplicationScoped
public class MeshGraphService {

  private static final String COUNTER = "istio_requests_total";

  private final Sandboxes sandboxes;
  private final SandboxMetrics metrics;

  public MeshGraphService(Sandboxes sandboxes, SandboxMetrics metrics) {
    this.sandboxes = sandboxes;
    this.metrics = metrics;
  }

  /** The graph of the caller's own sandbox; 404 for anyone else's (as every session call). */
  public MeshGraph graph(String username, String sessionId, Duration window) {
    sandboxes.view(username, sessionId);
    Instant since = Instant.now().minus(window);
    return of(
        metrics.samples(sessionId).stream().filter(s -> !s.at().isBefore(since)).toList(), window);
  }

  /** The graph of these proxy reports, made within {@code window}. */
  static MeshGraph of(List<RequestSample> samples, Duration window) {
    Map<String, Path> paths = new LinkedHashMap<>();
    for (RequestSample s : samples) {
      if (s.reported().containsKey(COUNTER)) {
        Map<String, String> l = s.labels();
        String key =
            l.get("source_workload_namespace")
                + "/"
                + l.get("source_workload")
                + ">"
                + l.get("destination_service")
                + ">"
                + l.get("destination_workload_namespace")
                + "/"
                + l.get("destination_workload");
        paths.computeIfAbsent(key, k -> new Path(l)).add(s);
      }
    }
    Map<String, MeshGraph.Node> nodes = new LinkedHashMap<>();
    Map<String, Tally> edges = new LinkedHashMap<>();
    for (Path p : paths.values()) {
      Map<String, String> l = p.labels;
      String from =
          workload(
              nodes, l.get("source_workload_namespace"), l.get("source_workload"), "source", l);
      String service = service(nodes, l.get("destination_service"));
      edges.computeIfAbsent(from + ">" + service, k -> new Tally(from, service)).add(p);
      if (!"unknown".equals(l.get("destination_workload"))) {
        String to =
            workload(
                nodes,
                l.get("destination_workload_namespace"),
                l.get("destination_workload"),
                "destination",
                l);
        edges.computeIfAbsent(service + ">" + to, k -> new Tally(service, to)).add(p);
      }
    }
    double seconds = Math.max(1, window.toSeconds());
    List<MeshGraph.Edge> out = new ArrayList<>();
    for (Tally t : edges.values()) {
      out.add(
          new MeshGraph.Edge(
              t.source,
              t.target,
              t.requests,
              round(t.requests / seconds),
              t.errors,
              round(t.errors / (double) t.requests),
              round(t.mtls / (double) t.requests)));
    }
    return new MeshGraph((int) seconds, true, List.copyOf(nodes.values()), out);
  }

  private static String workload(
      Map<String, MeshGraph.Node> nodes,
      String namespace,
      String name,
      String side,
      Map<String, String> labels) {
    String key = "workload:" + namespace + "/" + name;
    String version = labels.get(side + "_version");
    nodes.computeIfAbsent(
        key,
        k ->
            new MeshGraph.Node(
                k, "workload", namespace, name, "unknown".equals(version) ? null : version));
    return key;
  }

  private static String service(Map<String, MeshGraph.Node> nodes, String host) {
    String key = "service:" + host;
    String[] labels = host.split("\\.");
    boolean inCluster = host.endsWith(".svc.cluster.local") && labels.length > 2;
    nodes.computeIfAbsent(
        key,
        k ->
            new MeshGraph.Node(
                k, "service", inCluster ? labels[1] : null, inCluster ? labels[0] : host, null));
    return key;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /**
   * The requests of one client → service → server path: as its client proxies reported them, or its
   * server proxies where those reported more (requests no client proxy counted).
   */
  private static final class Path {
    final Map<String, String> labels;
    int source;
    int sourceErrors;
    int destination;
    int destinationErrors;
    int mtls;

    Path(Map<String, String> labels) {
      this.labels = labels;
    }

    void add(RequestSample s) {
      boolean error = error(s.labels().get("response_code"));
      if ("source".equals(s.reporter())) {
        source++;
        sourceErrors += error ? 1 : 0;
      } else {
        destination++;
        destinationErrors += error ? 1 : 0;
        mtls += "mutual_tls".equals(s.labels().get("connection_security_policy")) ? 1 : 0;
      }
    }

    int requests() {
      return Math.max(source, destination);
    }

    int errors() {
      return source >= destination ? sourceErrors : destinationErrors;
    }

    private static boolean error(String code) {
      int status = code == null || !code.matches("\\d+") ? 0 : Integer.parseInt(code);
      return status == 0 || status >= 400;
    }
  }

  /** Counts of one edge. */
  private static final class Tally {
    final String source;
    final String target;
    int requests;
    int errors;
    int mtls;

    Tally(String source, String target) {
      this.source = source;
      this.target = target;
    }

    void add(Path p) {
      requests += p.requests();
      errors += p.errors();
      mtls += Math.min(p.mtls, p.requests());
    }
  }
}

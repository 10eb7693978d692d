package io.meshdojo.graph;

import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.dataplane.SentRequests;
import io.meshdojo.sandbox.dataplane.SentRequests.Sent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a learner's mesh graph from the requests the simulated data plane recorded, in the shape
 * Kiali's versioned-app graph has: client workload → service → answering workload.
 */
@ApplicationScoped
public class MeshGraphService {

  private final Sandboxes sandboxes;
  private final SentRequests sent;

  public MeshGraphService(Sandboxes sandboxes, SentRequests sent) {
    this.sandboxes = sandboxes;
    this.sent = sent;
  }

  /** The graph of the caller's own sandbox; 404 for anyone else's (as every session call). */
  public MeshGraph graph(String username, String sessionId, Duration window) {
    sandboxes.view(username, sessionId);
    return of(sent.since(sessionId, Instant.now().minus(window)), window);
  }

  /** The graph of these requests, sent within {@code window}. */
  static MeshGraph of(List<Sent> requests, Duration window) {
    Map<String, MeshGraph.Node> nodes = new LinkedHashMap<>();
    Map<String, Tally> edges = new LinkedHashMap<>();
    for (Sent s : requests) {
      String from = workload(nodes, s.source(), s.sourceVersion());
      String service = service(nodes, s.service());
      edges.computeIfAbsent(from + ">" + service, k -> new Tally(from, service)).add(s);
      if (s.destination() != null) {
        String to = workload(nodes, s.destination(), s.destinationVersion());
        edges.computeIfAbsent(service + ">" + to, k -> new Tally(service, to)).add(s);
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

  private static String workload(Map<String, MeshGraph.Node> nodes, String id, String version) {
    String key = "workload:" + id;
    String[] parts = id.split("/", 2);
    nodes.computeIfAbsent(key, k -> new MeshGraph.Node(k, "workload", parts[0], parts[1], version));
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

    void add(Sent s) {
      requests++;
      if (s.status() == 0 || s.status() >= 400) {
        errors++;
      }
      if (s.mutualTls()) {
        mtls++;
      }
    }
  }
}

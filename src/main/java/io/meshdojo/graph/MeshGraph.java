package io.meshdojo.graph;

import java.util.List;

/**
 * The mesh graph of one sandbox over a recent window: workloads and services as nodes, the requests
 * sent between them as edges. {@code simulated} is always true for now: the requests are the ones
 * the simulated data plane answered, not traffic of a real cluster.
 */
public record MeshGraph(int windowSeconds, boolean simulated, List<Node> nodes, List<Edge> edges) {

  /**
   * A workload ({@code kind} "workload", {@code id} "workload:ns/name") or a service ("service",
   * "service:host").
   *
   * @param version a workload's version label; null for services and unversioned workloads
   */
  public record Node(String id, String kind, String namespace, String name, String version) {}

  /**
   * Requests from one node to another in the window.
   *
   * @param perSecond requests per second averaged over the window, rounded to 3 decimals
   * @param errors requests answered with 4xx, 5xx or no HTTP status at all
   * @param errorShare errors / requests
   * @param mtlsShare the share of requests the client's proxy sent over Istio mTLS
   */
  public record Edge(
      String source,
      String target,
      int requests,
      double perSecond,
      int errors,
      double errorShare,
      double mtlsShare) {}
}

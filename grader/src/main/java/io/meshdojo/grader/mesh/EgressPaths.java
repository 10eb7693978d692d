package io.meshdojo.grader.mesh;

/**
 * Multi-hop paths: a sidecar that routes a request for one host (say {@code edition.cnn.com}) to a
 * gateway's Service keeps the request's authority, so the gateway receives a request for that host
 * and routes it again with its own Gateway servers and the VirtualServices bound to them. Each
 * outcome then lists the gateways it passed through ({@link Outcome#via()}).
 */
public final class EgressPaths {

  private EgressPaths() {}

  /**
   * Whether {@code server}, reached as {@code destination}, routes the request on: it is a gateway
   * (label {@code istio} naming a gateway) and the request was addressed to another host.
   */
  public static boolean forwards(Workload server, String authority, String destination) {
    String istio = server.labels().get("istio");
    return istio != null && istio.contains("gateway") && !authority.equalsIgnoreCase(destination);
  }
}

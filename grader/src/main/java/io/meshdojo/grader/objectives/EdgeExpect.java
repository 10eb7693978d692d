package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.GatewayListeners;
import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Router;
import java.util.Map;

/**
 * What a behaviour objective expects at the edge. {@code handshake}: {@code failed} (no HTTP
 * answer) or {@code succeeds}; {@code certificate}: who presents the server certificate ({@code
 * ns/secret}, or {@code upstream} for a passed-through connection); {@code refusedAt}: {@code
 * gateway} or {@code sidecar}, where a refused request (401/403) is stopped.
 */
public record EdgeExpect(String handshake, String certificate, String refusedAt) {

  /** Read from the flat {@code expect} map; null when it sets none of these fields. */
  static EdgeExpect of(Map<String, Object> expect) {
    Object h = expect.get("handshake");
    Object c = expect.get("certificate");
    Object r = expect.get("refusedAt");
    if (h == null && c == null && r == null) {
      return null;
    }
    return new EdgeExpect(
        h == null ? null : String.valueOf(h),
        c == null ? null : String.valueOf(c),
        r == null ? null : String.valueOf(r));
  }

  /** Whether one outcome of {@code probe} is what this expects. */
  boolean holds(Probe probe, Outcome out) {
    boolean failed = out.kind() == Outcome.Kind.HANDSHAKE_FAILED;
    if ("failed".equals(handshake) && !failed || "succeeds".equals(handshake) && failed) {
      return false;
    }
    if (refusedAt != null) {
      boolean refused = out.kind() == Outcome.Kind.DENIED && out.workload() != null;
      boolean atGateway = refused && out.workload().id().equals(probe.from());
      return refused && ("gateway".equals(refusedAt) == atGateway);
    }
    return true;
  }

  /** Whether the probe's handshake presents the expected server certificate. */
  boolean certificateHolds(Probe probe, Router router) {
    if (certificate == null) {
      return true;
    }
    var pod = router.mesh().workload(probe.from());
    if (pod.isEmpty() || probe.gatewayPort() == null) {
      return false;
    }
    GatewayListeners.Handshake h = router.listeners().handshake(pod.get(), probe.request());
    return h.failure() == null && certificate.equals(h.certificate());
  }
}

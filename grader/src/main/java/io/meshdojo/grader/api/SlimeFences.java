package io.meshdojo.grader.api;

import io.meshdojo.grader.mesh.Lazyload;
import java.util.List;
import java.util.Map;

/**
 * Slime's lazyload rules ({@link Lazyload}) for the embedded sandbox's controller, on objects as
 * plain trees: the same fences and Sidecars the grader grades with.
 */
public final class SlimeFences {

  private SlimeFences() {}

  /** The fences Slime keeps, and the Sidecar (owned by its fence) each enabled one renders. */
  public record Plan(List<Map<String, Object>> fences, List<Map<String, Object>> sidecars) {}

  public static Plan plan(
      List<Map<String, Object>> namespaces,
      List<Map<String, Object>> services,
      List<Map<String, Object>> fences) {
    Lazyload.Plan p = Lazyload.plan(namespaces, services, fences);
    return new Plan(p.fences(), p.sidecars());
  }

  /** A fence's status with one more learned host. */
  public static Map<String, Object> withDomain(Map<String, Object> status, String host) {
    return Lazyload.withDomain(status, host);
  }

  /** Whether a Sidecar is owned by a ServiceFence. */
  public static boolean ownedByFence(Map<String, Object> sidecar) {
    return Lazyload.ownedByFence(sidecar);
  }

  /** {@code namespace/name} of an object. */
  public static String id(Map<String, Object> object) {
    return Lazyload.id(object);
  }
}

package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reading helpers shared by the models that read raw Istio specs (Telemetry, Sidecar). */
final class Telemetries {

  private Telemetries() {}

  /**
   * Istio's precedence for per-proxy resources (Telemetry, Sidecar): one in the proxy's namespace
   * whose selector matches it, else the namespace's selector-less one, else the root namespace's;
   * the first of each in input order.
   *
   * @param selectorLabels the labels a resource selects by (empty: none)
   */
  static Optional<Resource> mostSpecific(
      List<Resource> candidates,
      Workload w,
      Function<Map<String, Object>, Map<String, Object>> selectorLabels) {
    Resource namespace = null;
    Resource root = null;
    for (Resource r : candidates) {
      Map<String, Object> labels = selectorLabels.apply(map(r.raw().get("spec")));
      if (!labels.isEmpty()) {
        if (r.namespace().equals(w.namespace()) && matches(w, labels)) {
          return Optional.of(r);
        }
      } else if (r.namespace().equals(w.namespace()) && namespace == null) {
        namespace = r;
      } else if (r.namespace().equals(Mesh.ROOT_NAMESPACE) && root == null) {
        root = r;
      }
    }
    return Optional.ofNullable(namespace != null ? namespace : root);
  }

  static boolean matches(Workload w, Map<String, Object> labels) {
    for (var e : labels.entrySet()) {
      if (!String.valueOf(e.getValue()).equals(w.labels().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }
}

package io.meshdojo.grader.mesh;

import java.util.List;
import java.util.Map;

/** Reading helpers shared by the models that read raw Istio specs (Telemetry, Sidecar). */
final class Telemetries {

  private Telemetries() {}

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

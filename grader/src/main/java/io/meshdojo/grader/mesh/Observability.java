package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Telemetry precedence for tracing: a workload's Telemetry (selector, same namespace) over the
 * namespace's selector-less one over the root namespace's, each field inherited from the level
 * above when unset; with none, Istio's default sampling of 1%.
 */
public final class Observability {

  /** PILOT_TRACE_SAMPLING default. */
  public static final double DEFAULT_SAMPLING_PERCENT = 1.0;

  private final Mesh mesh;

  public Observability(Mesh mesh) {
    this.mesh = mesh;
  }

  /** Effective random sampling percentage for traces started by a workload's proxy. */
  public double samplingPercent(Workload w) {
    OptionalDouble workload = OptionalDouble.empty();
    OptionalDouble namespace = OptionalDouble.empty();
    OptionalDouble root = OptionalDouble.empty();
    for (Resource r : mesh.of("Telemetry")) {
      Map<String, Object> spec = Telemetries.map(r.raw().get("spec"));
      OptionalDouble sampling = sampling(spec);
      if (sampling.isEmpty()) {
        continue;
      }
      Map<String, Object> selector = Telemetries.map(spec.get("selector"));
      Map<String, Object> labels = Telemetries.map(selector.get("matchLabels"));
      if (!labels.isEmpty()) {
        boolean applies =
            !r.namespace().equals(Mesh.ROOT_NAMESPACE)
                && r.namespace().equals(w.namespace())
                && Telemetries.matches(w, labels);
        if (applies && workload.isEmpty()) {
          workload = sampling;
        }
      } else if (r.namespace().equals(w.namespace())
          && !w.namespace().equals(Mesh.ROOT_NAMESPACE)) {
        if (namespace.isEmpty()) {
          namespace = sampling;
        }
      } else if (r.namespace().equals(Mesh.ROOT_NAMESPACE) && root.isEmpty()) {
        root = sampling;
      }
    }
    for (OptionalDouble level : List.of(workload, namespace, root)) {
      if (level.isPresent()) {
        return level.getAsDouble();
      }
    }
    return DEFAULT_SAMPLING_PERCENT;
  }

  private static OptionalDouble sampling(Map<String, Object> spec) {
    if (spec.get("tracing") instanceof List<?> tracing) {
      for (Object t : tracing) {
        if (Telemetries.map(t).get("randomSamplingPercentage") instanceof Number n) {
          return OptionalDouble.of(n.doubleValue());
        }
      }
    }
    return OptionalDouble.empty();
  }
}

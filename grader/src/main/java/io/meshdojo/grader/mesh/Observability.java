package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Telemetry precedence for tracing: a workload's Telemetry (selector, same namespace) over the
 * namespace's selector-less one over the root namespace's, each field inherited from the level
 * above when unset; with none, the mesh-wide setting of the install (mesh config or istiod's
 * PILOT_TRACE_SAMPLING), else Istio's default sampling of 1%.
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
    List<Resource> sampling =
        mesh.of("Telemetry").stream()
            .filter(r -> sampling(Telemetries.map(r.raw().get("spec"))).isPresent())
            .toList();
    return Telemetries.mostSpecific(
            sampling,
            w,
            spec -> Telemetries.map(Telemetries.map(spec.get("selector")).get("matchLabels")))
        .map(r -> sampling(Telemetries.map(r.raw().get("spec"))).getAsDouble())
        .orElseGet(() -> MeshConfig.tracingSampling(mesh, w));
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

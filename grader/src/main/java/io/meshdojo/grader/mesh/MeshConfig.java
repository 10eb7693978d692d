package io.meshdojo.grader.mesh;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.model.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mesh-wide settings istiod reads from ConfigMap {@code istio} in the root namespace, key
 * {@code mesh} (a YAML document), as an {@code istioctl install} or the Helm chart writes it. Only
 * what the model uses is read; a missing or unreadable document means Istio's defaults.
 */
public final class MeshConfig {

  /** Where unregistered destinations go: Istio's default lets them out. */
  public enum OutboundMode {
    ALLOW_ANY,
    REGISTRY_ONLY
  }

  private MeshConfig() {}

  /** {@code outboundTrafficPolicy.mode}; {@code ALLOW_ANY} unless REGISTRY_ONLY is set. */
  public static OutboundMode outboundMode(Mesh mesh) {
    Object policy = meshDocument(mesh).get("outboundTrafficPolicy");
    if (policy instanceof Map<?, ?> p && "REGISTRY_ONLY".equals(p.get("mode"))) {
      return OutboundMode.REGISTRY_ONLY;
    }
    return OutboundMode.ALLOW_ANY;
  }

  /**
   * {@code accessLogFile}: where every proxy writes an access line for each request when no
   * Telemetry says otherwise ("" when unset: Istio's default profile logs nothing).
   */
  public static String accessLogFile(Mesh mesh) {
    Object file = meshDocument(mesh).get("accessLogFile");
    return file == null ? "" : String.valueOf(file).strip();
  }

  /**
   * Trace sampling in percent when no Telemetry sets it: mesh config's {@code
   * defaultConfig.tracing.sampling}, else istiod's {@code PILOT_TRACE_SAMPLING} (what {@code
   * values.pilot.traceSampling} sets), else Istio's default of 1 %.
   */
  public static double tracingSampling(Mesh mesh) {
    if (meshDocument(mesh).get("defaultConfig") instanceof Map<?, ?> dc
        && dc.get("tracing") instanceof Map<?, ?> tracing
        && tracing.get("sampling") instanceof Number n) {
      return n.doubleValue();
    }
    for (Resource d : mesh.of("Deployment")) {
      if (d.namespace().equals(Mesh.ROOT_NAMESPACE)) {
        Double env = istiodSampling(d.raw());
        if (env != null) {
          return env;
        }
      }
    }
    return Observability.DEFAULT_SAMPLING_PERCENT;
  }

  private static Double istiodSampling(Map<String, Object> deployment) {
    if (!(deployment.get("metadata") instanceof Map<?, ?> meta)
        || !(meta.get("labels") instanceof Map<?, ?> labels)
        || !"istiod".equals(labels.get("app"))
        || !(deployment.get("spec") instanceof Map<?, ?> spec)
        || !(spec.get("template") instanceof Map<?, ?> template)
        || !(template.get("spec") instanceof Map<?, ?> pod)
        || !(pod.get("containers") instanceof List<?> containers)) {
      return null;
    }
    for (Object c : containers) {
      if (c instanceof Map<?, ?> container && container.get("env") instanceof List<?> env) {
        for (Object e : env) {
          if (e instanceof Map<?, ?> var
              && "PILOT_TRACE_SAMPLING".equals(var.get("name"))
              && var.get("value") instanceof String v
              && v.matches("\\d{1,3}(\\.\\d{1,6})?")) {
            return Math.min(100.0, Double.parseDouble(v));
          }
        }
      }
    }
    return null;
  }

  /**
   * {@code defaultConfig.proxyMetadata}: the environment every proxy's agent starts with unless its
   * pod's {@code proxy.istio.io/config} annotation overrides a key.
   */
  public static Map<String, String> proxyMetadata(Mesh mesh) {
    Object defaults = meshDocument(mesh).get("defaultConfig");
    return defaults instanceof Map<?, ?> d ? strings(d.get("proxyMetadata")) : Map.of();
  }

  /** A YAML map's entries with scalar values, as text; anything else gives an empty map. */
  static Map<String, String> strings(Object value) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (k != null && v != null && !(v instanceof Map) && !(v instanceof List)) {
              out.put(k.toString(), v.toString());
            }
          });
    }
    return out;
  }

  private static Map<?, ?> meshDocument(Mesh mesh) {
    Resource config = null;
    for (Resource r : mesh.of("ConfigMap")) {
      if (r.namespace().equals(Mesh.ROOT_NAMESPACE) && r.name().equals("istio")) {
        config = r; // the last one applied wins, as kubectl apply would leave it
      }
    }
    if (config != null) {
      Map<String, String> data = config.as(ConfigMap.class).getData();
      String text = data == null ? null : data.get("mesh");
      if (text == null) {
        return Map.of();
      }
      synchronized (PARSED) {
        return PARSED.computeIfAbsent(text, MeshConfig::parse);
      }
    }
    return Map.of();
  }

  /**
   * Mesh config documents already read, by their text: one grade asks for several settings, and a
   * sandbox's document rarely changes between Checks (a changed text is a new key). Callers only
   * read the maps.
   */
  private static final Map<String, Map<?, ?>> PARSED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<?, ?>> eldest) {
          return size() > 64;
        }
      };

  private static Map<?, ?> parse(String text) {
    try {
      List<Object> docs = SafeYaml.parseAll(text);
      return !docs.isEmpty() && docs.get(0) instanceof Map<?, ?> m ? m : Map.of();
    } catch (SafeYaml.YamlRejected e) {
      // istiod keeps its defaults when it cannot read the document; so does the model.
      return Map.of();
    }
  }
}

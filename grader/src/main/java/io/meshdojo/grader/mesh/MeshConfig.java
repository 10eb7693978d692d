package io.meshdojo.grader.mesh;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.model.Resource;
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
      try {
        List<Object> docs = SafeYaml.parseAll(text);
        return !docs.isEmpty() && docs.get(0) instanceof Map<?, ?> m ? m : Map.of();
      } catch (SafeYaml.YamlRejected e) {
        // istiod keeps its defaults when it cannot read the document; so does the model.
        return Map.of();
      }
    }
    return Map.of();
  }
}

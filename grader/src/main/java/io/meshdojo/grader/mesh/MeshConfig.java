package io.meshdojo.grader.mesh;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.model.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mesh-wide settings istiod reads from ConfigMap {@code istio} in the root namespace, key
 * {@code mesh} (a YAML document), as an {@code istioctl install} or the Helm chart writes it; the
 * istiod of revision {@code R} reads {@code istio-R} instead, so each proxy runs with the mesh
 * config of the revision it belongs to ({@link Mesh#proxyRevision}). Only what the model uses is
 * read; a missing or unreadable document means Istio's defaults.
 */
public final class MeshConfig {

  /** Where unregistered destinations go: Istio's default lets them out. */
  public enum OutboundMode {
    ALLOW_ANY,
    REGISTRY_ONLY
  }

  /**
   * The fields of Istio 1.26's {@code istio.mesh.v1alpha1.MeshConfig}, by their JSON names; istiod
   * also accepts each by its proto name (snake case).
   */
  private static final Set<String> FIELDS =
      Set.of(
          "proxyListenPort",
          "proxyInboundListenPort",
          "proxyHttpPort",
          "connectTimeout",
          "protocolDetectionTimeout",
          "tcpKeepalive",
          "ingressClass",
          "ingressService",
          "ingressControllerMode",
          "ingressSelector",
          "enableTracing",
          "accessLogFile",
          "accessLogFormat",
          "accessLogEncoding",
          "enableEnvoyAccessLogService",
          "disableEnvoyListenerLog",
          "defaultConfig",
          "outboundTrafficPolicy",
          "inboundTrafficPolicy",
          "configSources",
          "enableAutoMtls",
          "trustDomain",
          "trustDomainAliases",
          "caCertificates",
          "defaultServiceExportTo",
          "defaultVirtualServiceExportTo",
          "defaultDestinationRuleExportTo",
          "rootNamespace",
          "localityLbSetting",
          "dnsRefreshRate",
          "h2UpgradePolicy",
          "inboundClusterStatName",
          "outboundClusterStatName",
          "certificates",
          "serviceSettings",
          "enablePrometheusMerge",
          "verifyCertificateAtClient",
          "ca",
          "extensionProviders",
          "defaultProviders",
          "discoverySelectors",
          "pathNormalization",
          "defaultHttpRetryPolicy",
          "meshMTLS",
          "tlsDefaults",
          "serviceScopeConfigs");

  private MeshConfig() {}

  /**
   * Why istiod cannot read a mesh config document, in its words (what it logs after {@code invalid
   * mesh config, using last known state:}), or empty when it can. istiod reads the document
   * strictly: one field it does not know discards the whole document, the valid settings with it.
   */
  public static Optional<String> unreadable(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<Object> docs;
    try {
      docs = SafeYaml.parseAll(text);
    } catch (SafeYaml.YamlRejected e) {
      return Optional.of("failed to convert to proto: " + e.getMessage());
    }
    if (docs.isEmpty() || docs.get(0) == null) {
      return Optional.empty();
    }
    if (!(docs.get(0) instanceof Map<?, ?> m)) {
      return Optional.of(
          "failed to convert to proto: cannot unmarshal a scalar into istio.mesh.v1alpha1.MeshConfig");
    }
    for (Object key : m.keySet()) {
      String k = String.valueOf(key);
      if (!FIELDS.contains(k) && !FIELDS.contains(camel(k))) {
        return Optional.of("unknown field \"" + k + "\" in istio.mesh.v1alpha1.MeshConfig");
      }
    }
    return Optional.empty();
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }

  /** {@code outboundTrafficPolicy.mode} of the mesh config a workload's proxy runs with. */
  public static OutboundMode outboundMode(Mesh mesh, Workload proxy) {
    return outboundMode(meshDocument(mesh, mesh.proxyRevision(proxy)).get("outboundTrafficPolicy"))
        .orElse(OutboundMode.ALLOW_ANY);
  }

  /**
   * The mode an {@code outboundTrafficPolicy} (the mesh config's or a Sidecar's) sets: {@code
   * REGISTRY_ONLY}, any other value {@code ALLOW_ANY}; empty when it sets none.
   */
  static Optional<OutboundMode> outboundMode(Object policy) {
    if (!(policy instanceof Map<?, ?> p) || p.get("mode") == null) {
      return Optional.empty();
    }
    return Optional.of(
        "REGISTRY_ONLY".equals(p.get("mode"))
            ? OutboundMode.REGISTRY_ONLY
            : OutboundMode.ALLOW_ANY);
  }

  /**
   * {@code accessLogFile}: where every proxy writes an access line for each request when no
   * Telemetry says otherwise ("" when unset: Istio's default profile logs nothing).
   */
  public static String accessLogFile(Mesh mesh, Workload proxy) {
    Object file = meshDocument(mesh, mesh.proxyRevision(proxy)).get("accessLogFile");
    return file == null ? "" : String.valueOf(file).strip();
  }

  /**
   * Trace sampling in percent when no Telemetry sets it: mesh config's {@code
   * defaultConfig.tracing.sampling}, else istiod's {@code PILOT_TRACE_SAMPLING} (what {@code
   * values.pilot.traceSampling} sets), else Istio's default of 1 %.
   */
  public static double tracingSampling(Mesh mesh, Workload proxy) {
    String revision = mesh.proxyRevision(proxy);
    if (meshDocument(mesh, revision).get("defaultConfig") instanceof Map<?, ?> dc
        && dc.get("tracing") instanceof Map<?, ?> tracing
        && tracing.get("sampling") instanceof Number n) {
      return n.doubleValue();
    }
    for (Resource d : mesh.of("Deployment")) {
      if (d.namespace().equals(Mesh.ROOT_NAMESPACE) && revisionOf(d.raw()).equals(revision)) {
        Double env = istiodSampling(d.raw());
        if (env != null) {
          return env;
        }
      }
    }
    return Observability.DEFAULT_SAMPLING_PERCENT;
  }

  private static String revisionOf(Map<String, Object> deployment) {
    return deployment.get("metadata") instanceof Map<?, ?> meta
            && meta.get("labels") instanceof Map<?, ?> labels
            && labels.get("istio.io/rev") instanceof String rev
        ? rev
        : "default";
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
  public static Map<String, String> proxyMetadata(Mesh mesh, Workload proxy) {
    Object defaults = meshDocument(mesh, mesh.proxyRevision(proxy)).get("defaultConfig");
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

  /** {@code istio} for the default revision, {@code istio-<rev>} for another. */
  public static String configMapName(String revision) {
    return revision.isEmpty() || revision.equals("default") ? "istio" : "istio-" + revision;
  }

  private static Map<?, ?> meshDocument(Mesh mesh, String revision) {
    String name = configMapName(revision);
    Resource config = null;
    for (Resource r : mesh.of("ConfigMap")) {
      if (r.namespace().equals(Mesh.ROOT_NAMESPACE) && r.name().equals(name)) {
        config = r; // the last one applied wins, as kubectl apply would leave it
      }
    }
    if (config != null) {
      Map<String, String> data = config.as(ConfigMap.class).getData();
      String text = data == null ? null : data.get("mesh");
      if (text == null || unreadable(text).isPresent()) {
        // istiod keeps its defaults when it cannot read the document; so does the model.
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

package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rejects fields the schema does not declare, for the kinds whose schema the fabric8 models carry:
 * the built-in kinds and the Istio kinds. The schema is read from the models' Jackson annotations
 * ({@code @JsonProperty}, and {@code @JsonUnwrapped} one-of fields with their
 * {@code @JsonSubTypes}); kinds without a model (Slime, Aeraki) are checked only at the top level.
 */
@ApplicationScoped
public class ModelSchemaValidator implements ManifestValidator {

  private static final Map<String, String> MODELS =
      Map.ofEntries(
          Map.entry("/Namespace", "io.fabric8.kubernetes.api.model.Namespace"),
          Map.entry("/Service", "io.fabric8.kubernetes.api.model.Service"),
          Map.entry("/Pod", "io.fabric8.kubernetes.api.model.Pod"),
          Map.entry("/ServiceAccount", "io.fabric8.kubernetes.api.model.ServiceAccount"),
          Map.entry("/ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
          Map.entry("/Secret", "io.fabric8.kubernetes.api.model.Secret"),
          Map.entry("apps/Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
          istio("networking", "VirtualService"),
          istio("networking", "DestinationRule"),
          istio("networking", "Gateway"),
          istio("networking", "ServiceEntry"),
          istio("networking", "Sidecar"),
          Map.entry(
              "networking.istio.io/EnvoyFilter",
              "io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter"),
          istio("security", "PeerAuthentication"),
          istio("security", "AuthorizationPolicy"),
          istio("security", "RequestAuthentication"),
          istio("telemetry", "Telemetry"));

  private static final List<String> TOP_LEVEL =
      List.of("apiVersion", "kind", "metadata", "spec", "status");

  /** Marks a model that also takes fields this reader cannot enumerate. */
  private static final String ANY = "*";

  private final Map<Class<?>, Map<String, Type>> properties = new ConcurrentHashMap<>();

  private static Map.Entry<String, String> istio(String area, String kind) {
    return Map.entry(area + ".istio.io/" + kind, "io.fabric8.istio.api." + area + ".v1." + kind);
  }

  @Override
  public List<Problem> validate(String group, String version, String kind, ObjectNode object) {
    List<Problem> problems = new ArrayList<>();
    Optional<Class<?>> model = model(group + "/" + kind);
    if (model.isEmpty()) {
      object
          .fieldNames()
          .forEachRemaining(
              n -> {
                if (!TOP_LEVEL.contains(n)) {
                  problems.add(
                      new Problem(Rejection.UNKNOWN_FIELD, n, "unknown field \"" + n + "\""));
                }
              });
      return problems;
    }
    walk(object, model.get(), "", problems);
    return problems;
  }

  private static Optional<Class<?>> model(String key) {
    String name = MODELS.get(key);
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Class.forName(name, false, ModelSchemaValidator.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  private void walk(JsonNode node, Type type, String path, List<Problem> problems) {
    if (node == null || node.isNull()) {
      return;
    }
    Class<?> raw = rawClass(type);
    if (raw == null) {
      return;
    }
    if (List.class.isAssignableFrom(raw) && node.isArray()) {
      Type element = typeArgument(type, 0);
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), element, path + "[" + i + "]", problems);
      }
      return;
    }
    if (Map.class.isAssignableFrom(raw) && node.isObject()) {
      Type value = typeArgument(type, 1);
      node.fields()
          .forEachRemaining(e -> walk(e.getValue(), value, path + "." + e.getKey(), problems));
      return;
    }
    if (raw.isEnum() && node.isTextual()) {
      List<String> allowed = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        allowed.add(((Enum<?>) constant).name());
      }
      if (!allowed.contains(node.asText())) {
        problems.add(
            new Problem(
                Rejection.INVALID_VALUE,
                path,
                path
                    + ": Unsupported value: \""
                    + node.asText()
                    + "\": supported values: \""
                    + String.join("\", \"", allowed)
                    + "\""));
      }
      return;
    }
    if (!node.isObject() || !described(raw)) {
      return;
    }
    Map<String, Type> declared = propertiesOf(raw);
    if (declared.isEmpty()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      Type t = declared.get(e.getKey());
      if (t == null && declared.containsKey(ANY)) {
        continue;
      }
      if (t == null) {
        problems.add(
            new Problem(Rejection.UNKNOWN_FIELD, child, "unknown field \"" + child + "\""));
      } else {
        walk(e.getValue(), t, child, problems);
      }
    }
  }

  /** Only the fabric8 models describe a schema; Object, JsonNode, IntOrString… accept anything. */
  private static boolean described(Class<?> raw) {
    String n = raw.getName();
    return (n.startsWith("io.fabric8.istio.") || n.startsWith("io.fabric8.kubernetes.api.model."))
        && !n.endsWith(".IntOrString")
        && !n.endsWith(".Quantity")
        && !n.endsWith(".MicroTime")
        && !n.endsWith(".Duration")
        && !raw.isEnum();
  }

  private Map<String, Type> propertiesOf(Class<?> raw) {
    return properties.computeIfAbsent(raw, ModelSchemaValidator::collect);
  }

  private static Map<String, Type> collect(Class<?> raw) {
    Map<String, Type> found = new LinkedHashMap<>();
    for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(JsonIgnore.class)) {
          continue;
        }
        if (f.isAnnotationPresent(JsonUnwrapped.class)) {
          List<Class<?>> options = oneOf(f.getType());
          if (options.isEmpty()) {
            found.put(ANY, Object.class);
          }
          for (Class<?> option : options) {
            found.putAll(collect(option));
          }
          continue;
        }
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        if (p != null) {
          found.put(p.value().isEmpty() ? f.getName() : p.value(), f.getGenericType());
        }
      }
    }
    return found;
  }

  private static List<Class<?>> oneOf(Class<?> type) {
    JsonSubTypes subtypes = type.getAnnotation(JsonSubTypes.class);
    if (subtypes == null) {
      return type.isInterface() ? List.of() : List.of(type);
    }
    List<Class<?>> options = new ArrayList<>();
    for (JsonSubTypes.Type t : subtypes.value()) {
      options.add(t.value());
    }
    return options;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}

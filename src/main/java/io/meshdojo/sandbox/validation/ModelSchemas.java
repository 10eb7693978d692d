package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema of the kinds the fabric8 models carry (built-in and Istio kinds), read from the
 * models' Jackson annotations ({@code @JsonProperty}, and {@code @JsonUnwrapped} one-of fields with
 * their {@code @JsonSubTypes}). Validation and the console's {@code explain} both read it.
 */
public final class ModelSchemas {

  private static final Map<String, String> MODELS =
      Map.ofEntries(
          Map.entry("/Namespace", "io.fabric8.kubernetes.api.model.Namespace"),
          Map.entry("/Service", "io.fabric8.kubernetes.api.model.Service"),
          Map.entry("/Pod", "io.fabric8.kubernetes.api.model.Pod"),
          Map.entry("/ServiceAccount", "io.fabric8.kubernetes.api.model.ServiceAccount"),
          Map.entry("/ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
          Map.entry("/Secret", "io.fabric8.kubernetes.api.model.Secret"),
          Map.entry("apps/Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
          Map.entry("apps/ReplicaSet", "io.fabric8.kubernetes.api.model.apps.ReplicaSet"),
          Map.entry("/Event", "io.fabric8.kubernetes.api.model.Event"),
          Map.entry(
              "admissionregistration.k8s.io/MutatingWebhookConfiguration",
              "io.fabric8.kubernetes.api.model.admissionregistration.v1"
                  + ".MutatingWebhookConfiguration"),
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

  /** Marks a model that also takes fields this reader cannot enumerate. */
  public static final String ANY = "*";

  private static final Map<Class<?>, Map<String, Type>> PROPERTIES = new ConcurrentHashMap<>();

  private ModelSchemas() {}

  private static Map.Entry<String, String> istio(String area, String kind) {
    return Map.entry(area + ".istio.io/" + kind, "io.fabric8.istio.api." + area + ".v1." + kind);
  }

  /** The model class of a kind, if the fabric8 models carry one. */
  public static Optional<Class<?>> model(String group, String kind) {
    String name = MODELS.get(group + "/" + kind);
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Class.forName(name, false, ModelSchemas.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Only the fabric8 models describe a schema; Object, JsonNode, IntOrString… accept anything. */
  public static boolean described(Class<?> raw) {
    String n = raw.getName();
    return (n.startsWith("io.fabric8.istio.") || n.startsWith("io.fabric8.kubernetes.api.model."))
        && !n.endsWith(".IntOrString")
        && !n.endsWith(".Quantity")
        && !n.endsWith(".MicroTime")
        && !n.endsWith(".Duration")
        && !raw.isEnum();
  }

  /** The JSON properties a model declares, in declaration order, with their Java types. */
  public static Map<String, Type> properties(Class<?> raw) {
    return PROPERTIES.computeIfAbsent(raw, ModelSchemas::collect);
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

  public static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  public static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}

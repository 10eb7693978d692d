package io.meshdojo.grader.intake;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns YAML or JSON text into typed {@link Resource}s plus findings for what the API server or
 * Istio's webhook would refuse. A refused object is left out of the result, as it would be left out
 * of the cluster.
 */
public final class ResourceIntake {

  /** What came out of some input: accepted resources and findings. */
  public record Result(List<Resource> resources, List<Finding> findings) {}

  private static final ObjectMapper STRICT = strictMapper();

  private ResourceIntake() {}

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    // fabric8 models swallow unknown fields into additionalProperties through @JsonAnySetter.
    // The API server's strict field validation refuses them, so the grader does too.
    mapper.setAnnotationIntrospector(
        new JacksonAnnotationIntrospector() {
          @Override
          public Boolean hasAnySetter(Annotated a) {
            return Boolean.FALSE;
          }

          @Override
          public Boolean hasAnyGetter(Annotated a) {
            return Boolean.FALSE;
          }

          // fabric8's enum factories turn an unknown value into null; plain enum reading refuses
          // it, as the API server's schema validation does.
          @Override
          public com.fasterxml.jackson.annotation.JsonCreator.Mode findCreatorAnnotation(
              com.fasterxml.jackson.databind.cfg.MapperConfig<?> config, Annotated a) {
            if (a instanceof com.fasterxml.jackson.databind.introspect.AnnotatedMethod m
                && m.getDeclaringClass().isEnum()) {
              return null;
            }
            return super.findCreatorAnnotation(config, a);
          }
        });
    return mapper;
  }

  /** Reads every document of one file or text. */
  public static Result read(String origin, String text) {
    return read(origin, text, Kinds.LATEST_ISTIO_MINOR);
  }

  /**
   * Reads every document as a cluster of the given Istio minor version would (1.18 serves no v1
   * Istio APIs, for instance).
   */
  public static Result read(String origin, String text, int istioMinor) {
    List<Resource> resources = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    if (text.length() > SafeYaml.MAX_BYTES
        || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SafeYaml.MAX_BYTES) {
      findings.add(Finding.of("MDJ0001", origin, "file", origin, "limit", "" + SafeYaml.MAX_BYTES));
      return new Result(resources, findings);
    }
    List<Object> documents;
    try {
      documents = SafeYaml.parseAll(text);
    } catch (SafeYaml.YamlRejected e) {
      findings.add(Finding.of("MDJ0002", origin, "file", origin, "reason", e.getMessage()));
      return new Result(resources, findings);
    }
    int index = 0;
    for (Object document : documents) {
      index++;
      if (document == null) {
        continue;
      }
      for (Object item : items(document)) {
        readObject(origin + "#" + index, origin, index, item, istioMinor, resources, findings);
      }
    }
    return new Result(resources, findings);
  }

  /**
   * Reads objects that are already plain maps (e.g. listed from a live cluster); they go through
   * the same typing and validation as text.
   */
  public static Result readObjects(String origin, List<Map<String, Object>> objects) {
    List<Resource> resources = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    int index = 0;
    for (Map<String, Object> o : objects) {
      index++;
      readObject(
          origin + "#" + index, origin, index, o, Kinds.LATEST_ISTIO_MINOR, resources, findings);
    }
    return new Result(resources, findings);
  }

  /** A List kind (e.g. from {@code kubectl get -o yaml}) contributes its items. */
  @SuppressWarnings("unchecked")
  private static List<Object> items(Object document) {
    if (document instanceof Map<?, ?> map
        && map.get("kind") instanceof String kind
        && kind.endsWith("List")
        && map.get("items") instanceof List<?> items) {
      return (List<Object>) items;
    }
    return List.of(document);
  }

  @SuppressWarnings("unchecked")
  private static void readObject(
      String where,
      String file,
      int index,
      Object item,
      int istioMinor,
      List<Resource> resources,
      List<Finding> findings) {
    if (!(item instanceof Map<?, ?> rawMap)
        || !(rawMap.get("apiVersion") instanceof String apiVersion)
        || !(rawMap.get("kind") instanceof String kindName)
        || !(rawMap.get("metadata") instanceof Map<?, ?> meta)
        || !(meta.get("name") instanceof String name)
        || name.isEmpty()) {
      findings.add(Finding.of("MDJ0003", where, "file", file, "index", "" + index));
      return;
    }
    Map<String, Object> raw = (Map<String, Object>) rawMap;
    ResourceKey key = ResourceKey.of(apiVersion, kindName);
    String namespace = meta.get("namespace") instanceof String ns ? ns : null;
    String ref = kindName + " " + (namespace == null ? "" : namespace + "/") + name;
    Optional<Kinds.Kind> kind = Kinds.find(key);
    if (kind.isEmpty()) {
      findings.add(Finding.of("MDJ0004", ref, "kind", kindName, "apiVersion", apiVersion));
      return;
    }
    String version = ResourceKey.versionOf(apiVersion);
    List<String> served = kind.get().served(istioMinor);
    if (!served.contains(version)) {
      findings.add(
          Finding.of(
              "MDJ0005",
              ref,
              "apiVersion",
              apiVersion,
              "kind",
              kindName,
              "served",
              String.join(", ", served)));
      return;
    }
    String nullItem = pruneNulls(raw, "");
    if (nullItem != null) {
      findings.add(
          Finding.of("MDJ0007", ref, "kind", kindName, "reason", "null list item at " + nullItem));
      return;
    }
    Object typed;
    try {
      typed = toTyped(kind.get(), raw);
    } catch (UnrecognizedPropertyException e) {
      findings.add(Finding.of("MDJ0006", ref, "field", path(e)));
      return;
    } catch (IllegalArgumentException | JsonMappingException e) {
      String reason = e.getMessage() == null ? "invalid" : e.getMessage();
      if (e.getCause() instanceof JsonMappingException jm) {
        if (jm instanceof UnrecognizedPropertyException u) {
          findings.add(Finding.of("MDJ0006", ref, "field", path(u)));
          return;
        }
        reason = jm.getOriginalMessage() + " at " + path(jm);
      }
      int nl = reason.indexOf('\n');
      findings.add(
          Finding.of(
              "MDJ0007",
              ref,
              "kind",
              kindName,
              "reason",
              nl < 0 ? reason : reason.substring(0, nl)));
      return;
    }
    String effectiveNamespace =
        Kinds.clusterScoped(kindName) ? null : (namespace == null ? "default" : namespace);
    Resource resource = new Resource(key, apiVersion, name, effectiveNamespace, raw, typed, where);
    List<Finding> refused = Validation.validate(resource);
    findings.addAll(refused);
    if (refused.isEmpty()) {
      resources.add(resource);
    }
  }

  private static Object toTyped(Kinds.Kind kind, Map<String, Object> raw)
      throws JsonMappingException {
    if (kind.type() != null) {
      return STRICT.convertValue(raw, kind.type());
    }
    Map<String, Object> rest = new LinkedHashMap<>(raw);
    rest.remove("apiVersion");
    rest.remove("kind");
    rest.remove("status");
    ObjectMeta meta = STRICT.convertValue(rest.remove("metadata"), ObjectMeta.class);
    Object spec = rest.remove("spec");
    if (!rest.isEmpty()) {
      String field = rest.keySet().iterator().next();
      UnrecognizedPropertyException e =
          new UnrecognizedPropertyException(
              null, "unknown field " + field, null, CustomResource.class, field, null);
      e.prependPath(CustomResource.class, field);
      throw e;
    }
    Object typedSpec;
    try {
      typedSpec = spec == null ? null : STRICT.convertValue(spec, kind.specType());
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonMappingException jm) {
        jm.prependPath(CustomResource.class, "spec");
        throw jm;
      }
      throw e;
    }
    return new CustomResource<>(meta, typedSpec);
  }

  /**
   * Drops map entries whose value is null (the API server prunes them) and returns the path of the
   * first null list item (which the API server refuses), or null when there is none.
   */
  @SuppressWarnings("unchecked")
  static String pruneNulls(Object node, String path) {
    if (node instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).values().removeIf(java.util.Objects::isNull);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String found =
            pruneNulls(e.getValue(), path.isEmpty() ? "" + e.getKey() : path + "." + e.getKey());
        if (found != null) {
          return found;
        }
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          return path + "[" + i + "]";
        }
        String found = pruneNulls(list.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}

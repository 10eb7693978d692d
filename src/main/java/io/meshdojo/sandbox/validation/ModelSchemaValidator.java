package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rejects fields the schema does not declare, for the kinds whose schema the fabric8 models carry:
 * the built-in kinds and the Istio kinds. The schema is read from the models' Jackson annotations
 * ({@code @JsonProperty}, and {@code @JsonUnwrapped} one-of fields with their
 * {@code @JsonSubTypes}); kinds without a model (Slime, Aeraki) are checked only at the top level.
 */
@ApplicationScoped
public class ModelSchemaValidator implements ManifestValidator {

  private static final List<String> TOP_LEVEL =
      List.of("apiVersion", "kind", "metadata", "spec", "status");

  @Override
  public List<Problem> validate(String group, String version, String kind, ObjectNode object) {
    List<Problem> problems = new ArrayList<>();
    Optional<Class<?>> model = ModelSchemas.model(group, kind);
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

  private void walk(JsonNode node, Type type, String path, List<Problem> problems) {
    if (node == null || node.isNull()) {
      return;
    }
    Class<?> raw = ModelSchemas.rawClass(type);
    if (raw == null) {
      return;
    }
    if (List.class.isAssignableFrom(raw) && node.isArray()) {
      Type element = ModelSchemas.typeArgument(type, 0);
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), element, path + "[" + i + "]", problems);
      }
      return;
    }
    if (Map.class.isAssignableFrom(raw) && node.isObject()) {
      Type value = ModelSchemas.typeArgument(type, 1);
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
    if (!node.isObject() || !ModelSchemas.described(raw)) {
      return;
    }
    Map<String, Type> declared = ModelSchemas.properties(raw);
    if (declared.isEmpty()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      Type t = declared.get(e.getKey());
      if (t == null && declared.containsKey(ModelSchemas.ANY)) {
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
}

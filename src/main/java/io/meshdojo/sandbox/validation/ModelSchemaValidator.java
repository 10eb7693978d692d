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
import java.util.regex.Pattern;

/**
 * Checks an object against the schema the fabric8 models carry (the built-in kinds and the Istio
 * kinds): fields the schema does not declare, and values of the wrong type. The schema is read from
 * the models' Jackson annotations ({@code @JsonProperty}, and {@code @JsonUnwrapped} one-of fields
 * with their {@code @JsonSubTypes}) and field types; kinds without a model (Slime, Aeraki) are
 * checked only at the top level.
 *
 * <p>A wrong type is worded as the API server words it: a built-in kind fails to decode into its Go
 * types ({@code json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of
 * type int32}), a custom resource fails its OpenAPI schema ({@code spec.http[0].route[0].weight in
 * body must be of type integer: "string"}).
 */
@ApplicationScoped
public class ModelSchemaValidator implements ManifestValidator {

  private static final Pattern QUANTITY =
      Pattern.compile("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");

  private static final List<String> TOP_LEVEL =
      List.of("apiVersion", "kind", "metadata", "spec", "status");

  @Override
  public List<Problem> validate(String group, String version, String kind, ObjectNode object) {
    List<Problem> problems = new ArrayList<>();
    walkObject(group, kind, object, problems, false);
    return problems;
  }

  /** Removes what the schema does not declare, as the API server does unless told Strict. */
  @Override
  public void dropUnknownFields(String group, String kind, ObjectNode object) {
    walkObject(group, kind, object, new ArrayList<>(), true);
  }

  private void walkObject(
      String group, String kind, ObjectNode object, List<Problem> problems, boolean drop) {
    Optional<Class<?>> model = ModelSchemas.model(group, kind);
    if (model.isEmpty()) {
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (!TOP_LEVEL.contains(n)) {
          problems.add(new Problem(Rejection.UNKNOWN_FIELD, n, "unknown field \"" + n + "\""));
          if (drop) {
            names.remove();
          }
        }
      }
      return;
    }
    new Walk(group.isEmpty() || group.equals("apps"), problems, drop)
        .value(object, model.get(), model.get(), "", "");
  }

  /**
   * One pass over an object.
   *
   * @param builtIn word type errors as Go's decoder does, else as a CRD's schema does
   */
  private record Walk(boolean builtIn, List<Problem> problems, boolean drop) {

    /**
     * @param owner the model holding this value: Go names it in a decoding error
     * @param path the path with indices, as field errors name it
     * @param goPath the path without indices or map keys, as Go's decoder names it
     */
    void value(JsonNode node, Type type, Class<?> owner, String path, String goPath) {
      if (node == null || node.isNull()) {
        return;
      }
      Class<?> raw = ModelSchemas.rawClass(type);
      if (raw == null) {
        return;
      }
      JsonType expected = JsonType.of(raw);
      if (!expected.accepts(node)) {
        wrongType(node, type, expected, owner, path, goPath);
        return;
      }
      if (expected == JsonType.QUANTITY
          && node.isTextual()
          && !QUANTITY.matcher(node.asText()).matches()) {
        // Go's Quantity refuses to decode what it cannot parse, naming its pattern
        problems.add(
            new Problem(
                Rejection.UNDECODABLE,
                path,
                "quantities must match the regular expression '" + QUANTITY.pattern() + "'"));
        return;
      }
      if (List.class.isAssignableFrom(raw)) {
        Type element = ModelSchemas.typeArgument(type, 0);
        for (int i = 0; i < node.size(); i++) {
          value(node.get(i), element, owner, path + "[" + i + "]", goPath);
        }
      } else if (Map.class.isAssignableFrom(raw)) {
        Type valueType = ModelSchemas.typeArgument(type, 1);
        node.fields().forEachRemaining(e -> value(e.getValue(), valueType, owner, path, goPath));
      } else if (raw.isEnum()) {
        enumValue(node, raw, path);
      } else if (ModelSchemas.described(raw)) {
        fields(node, raw, path, goPath);
      }
    }

    private void fields(JsonNode node, Class<?> raw, String path, String goPath) {
      Map<String, Type> declared = ModelSchemas.properties(raw);
      if (declared.isEmpty()) {
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        String goChild = goPath.isEmpty() ? e.getKey() : goPath + "." + e.getKey();
        Type t = declared.get(e.getKey());
        if (t == null && declared.containsKey(ModelSchemas.ANY)) {
          continue;
        }
        if (t == null) {
          problems.add(
              new Problem(Rejection.UNKNOWN_FIELD, child, "unknown field \"" + child + "\""));
          if (drop) {
            it.remove();
          }
        } else {
          value(e.getValue(), t, raw, child, goChild);
        }
      }
    }

    private void enumValue(JsonNode node, Class<?> raw, String path) {
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
    }

    private void wrongType(
        JsonNode node, Type type, JsonType expected, Class<?> owner, String path, String goPath) {
      if (builtIn) {
        // Go names a number it read but could not fit (1.5 or 1e999999 into an int32) by its text.
        String what =
            node.isNumber() && expected.numeric()
                ? "number " + node.asText()
                : JsonType.goNameOf(node);
        problems.add(
            new Problem(
                Rejection.UNDECODABLE,
                path,
                "json: cannot unmarshal "
                    + what
                    + " into Go struct field "
                    + owner.getSimpleName()
                    + "."
                    + goPath
                    + " of type "
                    + GoTypes.name(type)));
      } else {
        String sent = JsonType.schemaNameOf(node);
        problems.add(
            new Problem(
                Rejection.INVALID_VALUE,
                path,
                path
                    + ": Invalid value: \""
                    + sent
                    + "\": "
                    + path
                    + " in body must be of type "
                    + expected.schemaName()
                    + ": \""
                    + sent
                    + "\""));
      }
    }
  }
}

package io.meshdojo.sandbox.console;

import io.meshdojo.sandbox.embedded.ResourceType;
import io.meshdojo.sandbox.validation.JsonType;
import io.meshdojo.sandbox.validation.ModelSchemas;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubectl explain TYPE[.field.path]} from the schema the sandbox validates with (the fabric8
 * models, {@link ModelSchemas}): the field's type and the fields under it. The models carry no
 * field descriptions, so unlike kubectl there is no DESCRIPTION section; kinds without a model
 * (Slime, Aeraki) are known at the top level only.
 */
public final class ExplainText {

  /** The outcome: kubectl's text, or kubectl's error. */
  public record Explanation(boolean found, String text) {}

  private static final Map<String, Type> UNMODELLED = new LinkedHashMap<>();

  static {
    UNMODELLED.put("apiVersion", String.class);
    UNMODELLED.put("kind", String.class);
    UNMODELLED.put("metadata", io.fabric8.kubernetes.api.model.ObjectMeta.class);
    UNMODELLED.put("spec", Object.class);
    UNMODELLED.put("status", Object.class);
  }

  private ExplainText() {}

  /**
   * @param path field names below the kind, empty for the kind itself
   */
  public static Explanation explain(ResourceType type, List<String> path) {
    Optional<Class<?>> model = ModelSchemas.model(type.group(), type.kind());
    Type current = model.<Type>map(c -> c).orElse(null);
    Map<String, Type> fields = model.map(ModelSchemas::properties).orElse(UNMODELLED);
    String field = null;
    for (String step : path) {
      Type next = fields.get(step);
      if (next == null) {
        String where = field == null ? "" : " under " + field;
        return new Explanation(
            false,
            model.isEmpty() && field != null && !field.startsWith("metadata")
                ? "error: the schema of "
                    + type.kind()
                    + "."
                    + field
                    + " is not known to this sandbox"
                : "error: field \"" + step + "\" does not exist" + where);
      }
      field = field == null ? step : field + "." + step;
      current = next;
      Class<?> described = describedClass(next);
      fields = described == null ? Map.of() : ModelSchemas.properties(described);
    }
    StringBuilder out = new StringBuilder();
    out.append("GROUP:      ").append(type.group()).append('\n');
    out.append("KIND:       ").append(type.kind()).append('\n');
    out.append("VERSION:    ").append(type.preferredVersion()).append('\n').append('\n');
    if (field != null) {
      out.append("FIELD: ")
          .append(path.get(path.size() - 1))
          .append(" <")
          .append(typeName(current))
          .append(">\n");
      enumValues(current).ifPresent(v -> out.append("ENUM:\n    ").append(v).append('\n'));
      out.append('\n');
    }
    if (!fields.isEmpty()) {
      out.append("FIELDS:\n");
      for (Map.Entry<String, Type> f : fields.entrySet()) {
        if (f.getKey().equals(ModelSchemas.ANY)) {
          continue;
        }
        out.append("  ").append(f.getKey()).append("\t<").append(typeName(f.getValue()));
        out.append(">\n");
        enumValues(f.getValue()).ifPresent(v -> out.append("    enum: ").append(v).append('\n'));
      }
    }
    return new Explanation(true, out.toString());
  }

  /** The model class whose fields lie under a field of this type (through lists and maps). */
  private static Class<?> describedClass(Type type) {
    Class<?> raw = ModelSchemas.rawClass(type);
    if (raw == null) {
      return null;
    }
    if (List.class.isAssignableFrom(raw)) {
      return describedClass(ModelSchemas.typeArgument(type, 0));
    }
    if (Map.class.isAssignableFrom(raw)) {
      return describedClass(ModelSchemas.typeArgument(type, 1));
    }
    return ModelSchemas.described(raw) ? raw : null;
  }

  /**
   * kubectl's type words: {@code string}, {@code integer}, {@code []Object}, {@code
   * map[string]string}.
   */
  static String typeName(Type type) {
    Class<?> raw = ModelSchemas.rawClass(type);
    if (raw == null) {
      return "Object";
    }
    if (List.class.isAssignableFrom(raw)) {
      return "[]" + typeName(ModelSchemas.typeArgument(type, 0));
    }
    if (Map.class.isAssignableFrom(raw)) {
      return "map[string]" + typeName(ModelSchemas.typeArgument(type, 1));
    }
    return switch (JsonType.of(raw)) {
      case STRING, INT32, INT64, NUMBER, BOOLEAN -> JsonType.of(raw).schemaName();
      case INT_OR_STRING -> "IntOrString";
      case QUANTITY -> "Quantity";
      default -> "Object";
    };
  }

  private static Optional<String> enumValues(Type type) {
    Class<?> raw = ModelSchemas.rawClass(type);
    if (raw == null || !raw.isEnum()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (Object constant : raw.getEnumConstants()) {
      values.add(((Enum<?>) constant).name());
    }
    return Optional.of(String.join(", ", values));
  }
}

package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The JSON a model's field type accepts, and how the API server names what was sent instead.
 * Validation and the console's {@code explain} both classify field types with it.
 */
public enum JsonType {
  STRING("string"),
  INT32("integer"),
  INT64("integer"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  ARRAY("array"),
  OBJECT("object"),
  INT_OR_STRING("integer"),
  QUANTITY("string"),
  ANY("");

  private final String schemaName;

  JsonType(String schemaName) {
    this.schemaName = schemaName;
  }

  public static JsonType of(Class<?> raw) {
    if (raw == String.class || raw.isEnum()) {
      return STRING;
    }
    if (raw == Integer.class || raw == int.class || raw == Short.class) {
      return INT32;
    }
    if (raw == Long.class || raw == long.class) {
      return INT64;
    }
    if (raw == Double.class || raw == double.class || raw == Float.class) {
      return NUMBER;
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return BOOLEAN;
    }
    if (List.class.isAssignableFrom(raw)) {
      return ARRAY;
    }
    if (Map.class.isAssignableFrom(raw)) {
      return OBJECT;
    }
    String name = raw.getName();
    if (name.endsWith(".IntOrString")) {
      return INT_OR_STRING;
    }
    if (name.endsWith(".Quantity")) {
      return QUANTITY;
    }
    return ModelSchemas.described(raw) ? OBJECT : ANY;
  }

  /** The type an OpenAPI schema declares for it: {@code string}, {@code integer}… */
  public String schemaName() {
    return schemaName;
  }

  boolean numeric() {
    return this == INT32 || this == INT64 || this == NUMBER || this == INT_OR_STRING;
  }

  boolean accepts(JsonNode node) {
    return switch (this) {
      case STRING -> node.isTextual();
      case INT32 -> whole(node, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT64 -> whole(node, Long.MIN_VALUE, Long.MAX_VALUE);
      case NUMBER -> node.isNumber() && Double.isFinite(node.asDouble());
      case BOOLEAN -> node.isBoolean();
      case ARRAY -> node.isArray();
      case OBJECT -> node.isObject();
      case INT_OR_STRING -> node.isTextual() || whole(node, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case QUANTITY -> node.isTextual() || (node.isNumber() && Double.isFinite(node.asDouble()));
      case ANY -> true;
    };
  }

  /**
   * A whole number in range. A YAML {@code 1e2} reads as a floating-point 100, which kubectl would
   * send as {@code 100}: that is accepted; {@code 1.5} and {@code 1e999999} are not.
   */
  private static boolean whole(JsonNode node, long min, long max) {
    if (node.isIntegralNumber()) {
      return node.isInt() || (node.isLong() && node.asLong() >= min && node.asLong() <= max);
    }
    if (!node.isNumber()) {
      return false;
    }
    double d = node.asDouble();
    return Double.isFinite(d) && d == Math.rint(d) && d >= min && d <= max;
  }

  /** What Go's decoder calls a JSON value: {@code string}, {@code number}, {@code bool}… */
  static String goNameOf(JsonNode node) {
    if (node.isTextual()) {
      return "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return node.isArray() ? "array" : "object";
  }

  /** What an OpenAPI schema validator calls a JSON value: {@code integer}, {@code boolean}… */
  static String schemaNameOf(JsonNode node) {
    if (node.isTextual()) {
      return "string";
    }
    if (node.isNumber()) {
      return node.isIntegralNumber() ? "integer" : "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    return node.isArray() ? "array" : "object";
  }
}

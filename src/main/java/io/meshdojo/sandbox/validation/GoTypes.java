package io.meshdojo.sandbox.validation;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** The Go type behind a fabric8 model's field, as the API server's decoding errors name it. */
final class GoTypes {

  private GoTypes() {}

  static String name(Type type) {
    Class<?> raw = ModelSchemas.rawClass(type);
    if (raw == null) {
      return "interface {}";
    }
    if (List.class.isAssignableFrom(raw)) {
      return "[]" + name(ModelSchemas.typeArgument(type, 0));
    }
    if (Map.class.isAssignableFrom(raw)) {
      return "map[string]" + name(ModelSchemas.typeArgument(type, 1));
    }
    return switch (JsonType.of(raw)) {
      case STRING -> "string";
      case INT32 -> "int32";
      case INT64 -> "int64";
      case NUMBER -> "float64";
      case BOOLEAN -> "bool";
      case INT_OR_STRING -> "intstr.IntOrString";
      case QUANTITY -> "resource.Quantity";
      // core/v1, apps/v1 and meta/v1 are all Go packages named v1
      case OBJECT, ARRAY -> "v1." + raw.getSimpleName();
      case ANY -> "interface {}";
    };
  }
}

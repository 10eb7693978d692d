package io.meshdojo.sandbox.embedded;

/** The {@code fieldValidation} query parameter: what to do with fields the schema lacks. */
public enum FieldValidation {
  STRICT,
  WARN,
  IGNORE;

  /** Absent means Warn, as on a real API server; kubectl sends Strict by default. */
  public static FieldValidation of(String param) {
    if (param == null || param.isEmpty()) {
      return WARN;
    }
    return switch (param) {
      case "Strict" -> STRICT;
      case "Warn" -> WARN;
      case "Ignore" -> IGNORE;
      default ->
          throw KubeException.badRequest(
              "fieldValidation must be one of Strict, Warn or Ignore, not \"" + param + "\"");
    };
  }
}

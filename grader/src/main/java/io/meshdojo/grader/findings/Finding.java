package io.meshdojo.grader.findings;

import java.util.Map;

/**
 * A problem found in the resources: a stable catalogue code, the resource it concerns (as {@code
 * "Kind namespace/name"}, or a file name for input problems) and the values for the message
 * template's placeholders.
 */
public record Finding(String code, String resource, Map<String, String> args) {

  public Finding {
    args = Map.copyOf(args);
  }

  public static Finding of(String code, String resource, String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("placeholder names and values must come in pairs");
    }
    java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1]);
    }
    return new Finding(code, resource, map);
  }
}

package io.meshdojo.grader.mesh;

import java.util.List;
import java.util.Map;

/** Null-safe reads of a resource's plain map tree (what the intake parsed). */
final class RawFields {

  private RawFields() {}

  static Map<?, ?> map(Object parent, String key) {
    return parent instanceof Map<?, ?> p && p.get(key) instanceof Map<?, ?> m ? m : Map.of();
  }

  static List<?> list(Object parent, String key) {
    return parent instanceof Map<?, ?> p && p.get(key) instanceof List<?> l ? l : List.of();
  }

  /** The string at {@code key}, or null when absent or not a string. */
  static String text(Object parent, String key) {
    return parent instanceof Map<?, ?> p && p.get(key) instanceof String s ? s : null;
  }

  /** A label selector's {@code matchLabels}, or null (no selector: every workload). */
  @SuppressWarnings("unchecked")
  static Map<String, String> matchLabels(Map<?, ?> spec) {
    Map<?, ?> labels = map(map(spec, "selector"), "matchLabels");
    return labels.isEmpty() ? null : (Map<String, String>) labels;
  }
}

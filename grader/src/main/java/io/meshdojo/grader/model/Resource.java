package io.meshdojo.grader.model;

import java.util.Map;

/**
 * One parsed object: its kind, identity, the plain tree it was read from, and its typed form (a
 * fabric8 model or one of the grader's own models in {@code io.meshdojo.grader.model}).
 *
 * @param origin where it came from, e.g. {@code "submission/reviews.yaml#2"}
 */
public record Resource(
    ResourceKey key,
    String apiVersion,
    String name,
    String namespace,
    Map<String, Object> raw,
    Object typed,
    String origin) {

  /** Human reference used in findings: {@code "VirtualService bookinfo/reviews"}. */
  public String ref() {
    return key.kind()
        + " "
        + (namespace == null || namespace.isEmpty() ? "" : namespace + "/")
        + name;
  }

  public <T> T as(Class<T> type) {
    return type.cast(typed);
  }

  public boolean is(String kind) {
    return key.kind().equals(kind);
  }
}

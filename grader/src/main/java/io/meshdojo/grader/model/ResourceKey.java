package io.meshdojo.grader.model;

/** A Kubernetes object's identity as the grader matches it: API group and kind, never version. */
public record ResourceKey(String group, String kind) {

  public static ResourceKey of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return new ResourceKey(slash < 0 ? "" : apiVersion.substring(0, slash), kind);
  }

  /** The version part of an apiVersion string ("v1" for "networking.istio.io/v1"). */
  public static String versionOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }

  @Override
  public String toString() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}

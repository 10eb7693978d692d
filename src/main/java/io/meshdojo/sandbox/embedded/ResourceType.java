package io.meshdojo.sandbox.embedded;

import java.util.List;

/**
 * One kind the embedded API serves: where it lives, how kubectl names it, and whether kubectl
 * treats it as built-in (strategic merge patch) or as a custom resource (JSON merge patch).
 *
 * @param versions served versions, the preferred (storage) version first
 */
public record ResourceType(
    String group,
    List<String> versions,
    String resource,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    boolean builtIn) {

  public static final List<String> VERBS =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");

  /** {@code virtualservices.networking.istio.io}, or {@code pods} for the core group. */
  public String qualifiedName() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  public String apiVersion(String version) {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String preferredVersion() {
    return versions.get(0);
  }
}

package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Names one object in a sandbox.
 *
 * @param namespace empty for cluster-scoped kinds
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  public static ObjectRef of(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return new ObjectRef(
        object.path("apiVersion").asText(""),
        object.path("kind").asText(""),
        metadata.path("namespace").asText(""),
        metadata.path("name").asText(""));
  }

  /** How kubectl names the object in its output: {@code virtualservice.networking.istio.io/x}. */
  public String kubectlName() {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String type = kind.toLowerCase(java.util.Locale.ROOT);
    return (group.isEmpty() ? type : type + "." + group) + "/" + name;
  }
}

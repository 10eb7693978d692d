package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import java.util.List;
import java.util.Map;

/** The documents kubectl reads before it does anything: versions, groups, resources, OpenAPI. */
final class Discovery {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Discovery() {}

  static ObjectNode version(Environment env) {
    ObjectNode v = F.objectNode();
    String git =
        env.kubernetesVersion().startsWith("v")
            ? env.kubernetesVersion()
            : "v" + env.kubernetesVersion();
    v.put("major", "1");
    v.put("minor", String.valueOf(env.kubernetesMinor()));
    v.put("gitVersion", git);
    v.put("gitCommit", "meshdojo-embedded");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2026-01-01T00:00:00Z");
    v.put("goVersion", "go1.23");
    v.put("compiler", "gc");
    v.put("platform", "linux/amd64");
    return v;
  }

  static ObjectNode coreVersions() {
    ObjectNode v = F.objectNode();
    v.put("kind", "APIVersions");
    v.putArray("versions").add("v1");
    ObjectNode address = v.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", "meshdojo:443");
    return v;
  }

  static ObjectNode groups(int istioMinor) {
    ObjectNode list = F.objectNode();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    for (Map.Entry<String, List<String>> g : ApiCatalog.groups(istioMinor).entrySet()) {
      groups.add(group(g.getKey(), g.getValue()));
    }
    return list;
  }

  static ObjectNode group(String name, List<String> versions) {
    ObjectNode group = F.objectNode();
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    group.put("name", name);
    ArrayNode vs = group.putArray("versions");
    for (String v : versions) {
      vs.addObject().put("groupVersion", name + "/" + v).put("version", v);
    }
    group
        .putObject("preferredVersion")
        .put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return group;
  }

  static ObjectNode resources(String group, String version) {
    ObjectNode list = F.objectNode();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (ResourceType t : ApiCatalog.served(group, version)) {
      ObjectNode r = resources.addObject();
      r.put("name", t.resource());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      ResourceType.VERBS.forEach(verbs::add);
      if (!t.shortNames().isEmpty()) {
        ArrayNode shorts = r.putArray("shortNames");
        t.shortNames().forEach(shorts::add);
      }
      if (!t.categories().isEmpty()) {
        ArrayNode categories = r.putArray("categories");
        t.categories().forEach(categories::add);
      }
      r.put("storageVersionHash", Workloads.hash(t.qualifiedName(), 11));
      ObjectNode status = resources.addObject();
      status.put("name", t.resource() + "/status");
      status.put("singularName", "");
      status.put("namespaced", t.namespaced());
      status.put("kind", t.kind());
      status.putArray("verbs").add("get").add("patch").add("update");
      if (t.kind().equals("Deployment")) {
        ObjectNode scale = resources.addObject();
        scale.put("name", t.resource() + "/scale");
        scale.put("singularName", "");
        scale.put("namespaced", true);
        scale.put("group", "autoscaling");
        scale.put("version", "v1");
        scale.put("kind", "Scale");
        scale.putArray("verbs").add("get").add("patch").add("update");
      }
      if (t.kind().equals("Pod")) {
        ObjectNode log = resources.addObject();
        log.put("name", "pods/log");
        log.put("singularName", "");
        log.put("namespaced", true);
        log.put("kind", "Pod");
        log.putArray("verbs").add("get");
      }
    }
    return list;
  }

  /** The OpenAPI v3 index; {@code base} is the path the sandbox's API is served under. */
  static ObjectNode openApiIndex(String base, int istioMinor) {
    ObjectNode index = F.objectNode();
    ObjectNode paths = index.putObject("paths");
    paths
        .putObject("api/v1")
        .put("serverRelativeURL", base + "/openapi/v3/api/v1?hash=" + hashOf("", "v1"));
    for (Map.Entry<String, List<String>> g : ApiCatalog.groups(istioMinor).entrySet()) {
      for (String v : g.getValue()) {
        String key = "apis/" + g.getKey() + "/" + v;
        paths
            .putObject(key)
            .put(
                "serverRelativeURL",
                base + "/openapi/v3/" + key + "?hash=" + hashOf(g.getKey(), v));
      }
    }
    return index;
  }

  private static String hashOf(String group, String version) {
    return Workloads.hash("openapi/" + group + "/" + version + "/1", 16).toUpperCase();
  }

  /**
   * A group-version's OpenAPI document with just enough for kubectl: each kind's PATCH operation,
   * tagged with its group-version-kind and taking {@code fieldValidation}, so kubectl leaves
   * validation to this server.
   */
  static ObjectNode openApi(String group, String version, Environment env) {
    ObjectNode doc = F.objectNode();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", env.kubernetesVersion());
    ObjectNode paths = doc.putObject("paths");
    String root = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    for (ResourceType t : ApiCatalog.served(group, version)) {
      String path =
          t.namespaced()
              ? root + "/namespaces/{namespace}/" + t.resource() + "/{name}"
              : root + "/" + t.resource() + "/{name}";
      ObjectNode patch = paths.putObject(path).putObject("patch");
      patch.put("operationId", "patch" + t.kind());
      patch.put("x-kubernetes-action", "patch");
      patch
          .putObject("x-kubernetes-group-version-kind")
          .put("group", group)
          .put("version", version)
          .put("kind", t.kind());
      ArrayNode params = patch.putArray("parameters");
      for (String p : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
        ObjectNode param = params.addObject();
        param.put("name", p);
        param.put("in", "query");
        param.putObject("schema").put("type", p.equals("force") ? "boolean" : "string");
      }
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    doc.putObject("components").putObject("schemas");
    return doc;
  }
}

package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.SidecarInjection;
import io.meshdojo.sandbox.embedded.install.ControlPlane;
import io.meshdojo.sandbox.validation.LabelSelectors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Istio's sidecar injection webhook, at the moment a Pod is created. Which of the mutating webhooks
 * of an Istio 1.26 install matches is decided by their selectors, as {@link SidecarInjection} does
 * (the grader reads injection by the same rule); the revision must be served by an istiod
 * Deployment in istio-system (label {@code istio.io/rev}, none meaning {@code default}), whose
 * image tag gives the proxy's version.
 */
@ApplicationScoped
public class SidecarInjector {

  static final String INJECT = SidecarInjection.INJECT;
  static final String REV = SidecarInjection.REV;
  static final String TAG = "istio.io/tag";

  /**
   * Where the embedded sandbox says why a Pod got no sidecar; the kubelet turns it into a Warning.
   */
  static final String NOT_INJECTED = "meshdojo.io/sidecar-not-injected";

  static final String SIMULATED = "meshdojo.io/simulated";

  void inject(Cluster cluster, String ns, ObjectNode pod) {
    ObjectNode meta = (ObjectNode) pod.with("metadata");
    ObjectNode annotations = (ObjectNode) meta.with("annotations");
    annotations.put(SIMULATED, "true");
    JsonNode spec = pod.path("spec");
    if (hasContainer(spec, "istio-proxy")) {
      return;
    }
    Map<String, String> revisions = revisions(cluster);
    Map<String, String> nsLabels =
        cluster
            .find(Cluster.NAMESPACES, null, ns)
            .map(n -> strings(n.path("metadata").path("labels")))
            .orElse(Map.of());
    SidecarInjection.Decision d =
        SidecarInjection.decide(
            ns,
            nsLabels,
            strings(meta.path("labels")),
            strings(annotations),
            spec.path("hostNetwork").asBoolean(false),
            revisions.keySet());
    if (d.why() != null) {
      annotations.put(NOT_INJECTED, d.why());
    }
    if (d.revision() == null || !(spec instanceof ObjectNode podSpec)) {
      return;
    }
    // A tag injects with the revision its webhook points at; an istiod revision of that name wins.
    String revision =
        istiodRevisions(cluster).containsKey(d.revision())
            ? d.revision()
            : tags(cluster).getOrDefault(d.revision(), d.revision());
    String image = revisions.get(d.revision());
    String app = spec.path("containers").path(0).path("name").asText("");
    ObjectNode labels = (ObjectNode) meta.with("labels");
    String workload =
        labels.path("app.kubernetes.io/name").asText(labels.path("app").asText(workloadName(meta)));
    labels.put("security.istio.io/tlsMode", "istio");
    labels.put("service.istio.io/canonical-name", workload);
    labels.put(
        "service.istio.io/canonical-revision",
        labels.path("app.kubernetes.io/version").asText(labels.path("version").asText("latest")));
    annotations.put(REV, revision);
    annotations.put(
        "sidecar.istio.io/status",
        "{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"],\"volumes\":[],"
            + "\"imagePullSecrets\":null,\"revision\":\""
            + revision
            + "\"}");
    if (!app.isEmpty()) {
      annotations.put("kubectl.kubernetes.io/default-container", app);
      annotations.put("kubectl.kubernetes.io/default-logs-container", app);
    }
    ObjectNode init = Cluster.JSON.objectNode();
    init.put("name", "istio-init");
    init.put("image", image);
    ArrayNode initArgs = init.putArray("args");
    List.of("istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337", "-m", "REDIRECT")
        .forEach(initArgs::add);
    podSpec.withArray("initContainers").insert(0, init);
    ObjectNode proxy = podSpec.withArray("containers").addObject();
    proxy.put("name", "istio-proxy");
    proxy.put("image", image);
    ArrayNode args = proxy.putArray("args");
    List.of("proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local")
        .forEach(args::add);
    ObjectNode port = proxy.putArray("ports").addObject();
    port.put("name", "http-envoy-prom");
    port.put("containerPort", 15090);
    port.put("protocol", "TCP");
  }

  /**
   * Why the API server refuses to create this Pod, in its words: a mutating webhook selects it (by
   * its namespace's and its own labels) whose service does not exist, and its {@code failurePolicy}
   * is {@code Fail} (Istio's injection webhooks are). A webhook whose policy is {@code Ignore} is
   * skipped, as the API server skips it.
   */
  public static java.util.Optional<String> refusal(Cluster cluster, String ns, ObjectNode pod) {
    JsonNode nsLabels =
        cluster
            .find(Cluster.NAMESPACES, null, ns)
            .map(n -> n.path("metadata").path("labels"))
            .orElse(Cluster.JSON.objectNode());
    JsonNode podLabels = pod.path("metadata").path("labels");
    for (ObjectNode config : cluster.list(Cluster.WEBHOOKS, null, w -> true)) {
      for (JsonNode hook : config.path("webhooks")) {
        JsonNode service = hook.path("clientConfig").path("service");
        if (service.isMissingNode()
            || !createsPods(hook)
            || !LabelSelectors.matches(hook.path("namespaceSelector"), nsLabels)
            || !LabelSelectors.matches(hook.path("objectSelector"), podLabels)
            || hook.path("failurePolicy").asText("Fail").equals("Ignore")) {
          continue;
        }
        String name = service.path("name").asText();
        String namespace = service.path("namespace").asText();
        if (cluster.find(Cluster.SERVICES, namespace, name).isEmpty()) {
          return java.util.Optional.of(
              "Internal error occurred: failed calling webhook \""
                  + hook.path("name").asText()
                  + "\": failed to call webhook: Post \"https://"
                  + name
                  + "."
                  + namespace
                  + ".svc:"
                  + service.path("port").asInt(443)
                  + service.path("path").asText("/")
                  + "?timeout=10s\": service \""
                  + name
                  + "\" not found");
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean createsPods(JsonNode hook) {
    for (JsonNode rule : hook.path("rules")) {
      boolean pods = false;
      boolean create = false;
      for (JsonNode r : rule.path("resources")) {
        pods |= r.asText().equals("pods") || r.asText().equals("*");
      }
      for (JsonNode o : rule.path("operations")) {
        create |= o.asText().equals("CREATE") || o.asText().equals("*");
      }
      if (pods && create) {
        return true;
      }
    }
    return false;
  }

  /**
   * Revision or tag → proxy image: each istiod Deployment in istio-system serves its revision, and
   * each revision tag's webhook ({@code istio.io/tag}) injects with the revision it points at.
   */
  private static Map<String, String> revisions(Cluster cluster) {
    Map<String, String> revisions = istiodRevisions(cluster);
    tags(cluster)
        .forEach(
            (tag, revision) -> {
              if (revisions.containsKey(revision)) {
                revisions.putIfAbsent(tag, revisions.get(revision));
              }
            });
    return revisions;
  }

  /** Tag → revision, from the tags' webhooks. */
  private static Map<String, String> tags(Cluster cluster) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (ObjectNode hook :
        cluster.list(Cluster.WEBHOOKS, null, w -> w.path("metadata").path("labels").has(TAG))) {
      JsonNode labels = hook.path("metadata").path("labels");
      tags.put(labels.path(TAG).asText(), labels.path(REV).asText("default"));
    }
    return tags;
  }

  /** Revision → proxy image, from the istiod Deployments in istio-system. */
  private static Map<String, String> istiodRevisions(Cluster cluster) {
    Map<String, String> revisions = new LinkedHashMap<>();
    for (ObjectNode istiod :
        cluster.list(
            Cluster.DEPLOYMENTS,
            "istio-system",
            d -> d.path("metadata").path("labels").path("app").asText().equals("istiod"))) {
      String revision = istiod.path("metadata").path("labels").path(REV).asText("default");
      String pilot = ControlPlane.image(istiod);
      revisions.put(revision, proxyImage(pilot, cluster.istioVersion()));
    }
    return revisions;
  }

  /** {@code docker.io/istio/pilot:1.26.3} → {@code docker.io/istio/proxyv2:1.26.3}. */
  static String proxyImage(String pilotImage, String fallbackVersion) {
    int slash = pilotImage.lastIndexOf('/');
    int colon = pilotImage.lastIndexOf(':');
    String hub = slash > 0 ? pilotImage.substring(0, slash) : "docker.io/istio";
    String tag = colon > slash ? pilotImage.substring(colon + 1) : fallbackVersion;
    return hub + "/proxyv2:" + tag;
  }

  private static String workloadName(JsonNode meta) {
    String base = meta.path("generateName").asText("");
    if (base.isEmpty()) {
      return meta.path("name").asText();
    }
    // <deployment>-<hash>- as a ReplicaSet names its Pods: the Deployment's name.
    String trimmed = base.substring(0, base.length() - 1);
    int dash = trimmed.lastIndexOf('-');
    return dash > 0 ? trimmed.substring(0, dash) : trimmed;
  }

  private static boolean hasContainer(JsonNode spec, String name) {
    for (JsonNode c : spec.path("containers")) {
      if (c.path("name").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}

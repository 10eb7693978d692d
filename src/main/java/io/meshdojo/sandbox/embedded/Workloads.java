package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What controllers would do in a real cluster, reduced to what learners look at: a Deployment is
 * rolled out at once (its status says so), and the baseline Deployments get their Pods.
 */
public final class Workloads {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private Workloads() {}

  /** Sets the status a finished rollout would have. */
  public static void settle(ResourceType type, ObjectNode o) {
    if (!type.kind().equals("Deployment") || !type.group().equals("apps")) {
      return;
    }
    int replicas = o.path("spec").path("replicas").asInt(1);
    long generation = o.path("metadata").path("generation").asLong(1);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode status = o.putObject("status");
    status.put("observedGeneration", generation);
    status.put("replicas", replicas);
    status.put("updatedReplicas", replicas);
    status.put("readyReplicas", replicas);
    status.put("availableReplicas", replicas);
    ArrayNode conditions = status.putArray("conditions");
    ObjectNode available = conditions.addObject();
    available.put("type", "Available");
    available.put("status", "True");
    available.put("lastUpdateTime", now);
    available.put("lastTransitionTime", now);
    available.put("reason", "MinimumReplicasAvailable");
    available.put("message", "Deployment has minimum availability.");
    ObjectNode progressing = conditions.addObject();
    progressing.put("type", "Progressing");
    progressing.put("status", "True");
    progressing.put("lastUpdateTime", now);
    progressing.put("lastTransitionTime", now);
    progressing.put("reason", "NewReplicaSetAvailable");
    progressing.put(
        "message",
        "ReplicaSet \""
            + o.path("metadata").path("name").asText()
            + "-"
            + hash(o.path("spec").path("template").toString(), 10)
            + "\" has successfully progressed.");
  }

  /**
   * The running Pods of a Deployment, named like a ReplicaSet's, with an istio-proxy sidecar when
   * the namespace asks for injection.
   */
  public static List<ObjectNode> pods(
      ObjectNode deployment, String sandboxId, boolean injected, String istioVersion) {
    List<ObjectNode> pods = new ArrayList<>();
    JsonNode meta = deployment.path("metadata");
    String name = meta.path("name").asText();
    String ns = meta.path("namespace").asText();
    JsonNode template = deployment.path("spec").path("template");
    String templateHash = hash(template.toString(), 10);
    int replicas = deployment.path("spec").path("replicas").asInt(1);
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (int i = 0; i < replicas; i++) {
      ObjectNode pod = deployment.objectNode();
      pod.put("apiVersion", "v1");
      pod.put("kind", "Pod");
      ObjectNode pm = pod.putObject("metadata");
      pm.put("name", name + "-" + templateHash + "-" + hash(sandboxId + "/" + name + "/" + i, 5));
      pm.put("namespace", ns);
      ObjectNode labels =
          template.path("metadata").path("labels").isObject()
              ? ((ObjectNode) template.path("metadata").path("labels")).deepCopy()
              : pm.objectNode();
      labels.put("pod-template-hash", templateHash);
      if (injected) {
        labels.put("security.istio.io/tlsMode", "istio");
        labels.put("service.istio.io/canonical-name", labels.path("app").asText(name));
        labels.put("service.istio.io/canonical-revision", labels.path("version").asText("latest"));
      }
      pm.set("labels", labels);
      ObjectNode owner = pm.putArray("ownerReferences").addObject();
      owner.put("apiVersion", "apps/v1");
      owner.put("kind", "ReplicaSet");
      owner.put("name", name + "-" + templateHash);
      owner.put("controller", true);
      ObjectNode spec =
          template.path("spec").isObject()
              ? ((ObjectNode) template.path("spec")).deepCopy()
              : pod.objectNode();
      spec.put("nodeName", "meshdojo-control-plane");
      ArrayNode containers = spec.withArray("containers");
      if (injected) {
        ObjectNode proxy = containers.addObject();
        proxy.put("name", "istio-proxy");
        proxy.put("image", "docker.io/istio/proxyv2:" + istioVersion);
        proxy.putArray("args").add("proxy").add("sidecar");
      }
      pod.set("spec", spec);
      ObjectNode status = pod.putObject("status");
      status.put("phase", "Running");
      status.put("podIP", "10.244.0." + (10 + Math.abs(pm.path("name").asText().hashCode() % 200)));
      status.put("startTime", started);
      ArrayNode conditions = status.putArray("conditions");
      for (String c : List.of("Initialized", "Ready", "ContainersReady", "PodScheduled")) {
        ObjectNode condition = conditions.addObject();
        condition.put("type", c);
        condition.put("status", "True");
        condition.put("lastTransitionTime", started);
      }
      ArrayNode statuses = status.putArray("containerStatuses");
      for (JsonNode c : containers) {
        ObjectNode cs = statuses.addObject();
        cs.put("name", c.path("name").asText());
        cs.put("image", c.path("image").asText());
        cs.put("ready", true);
        cs.put("started", true);
        cs.put("restartCount", 0);
        cs.putObject("state").putObject("running").put("startedAt", started);
      }
      pods.add(pod);
    }
    return pods;
  }

  /** A short, stable name part in the alphabet Kubernetes uses for generated names. */
  static String hash(String input, int length) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder();
      for (int i = 0; out.length() < length; i++) {
        out.append(ALPHABET.charAt((digest[i % digest.length] & 0xff) % ALPHABET.length()));
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}

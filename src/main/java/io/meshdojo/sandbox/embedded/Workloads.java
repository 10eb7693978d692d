package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The status a workload's controllers leave once they are done: in the embedded sandbox they
 * reconcile within the write (see {@code controllers.ControllerManager}), so a Deployment or
 * ReplicaSet is rolled out the moment it is stored, and its status says so.
 */
public final class Workloads {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The most Pods one ReplicaSet gets here: each is a stored object, and a sandbox holds at most
   * {@code meshdojo.sandbox.max-objects}. Status then tells the truth (fewer ready than wanted).
   */
  public static final int MAX_PODS = 30;

  private Workloads() {}

  /** Sets the status a finished rollout would have. */
  public static void settle(ResourceType type, ObjectNode o) {
    if (!type.group().equals("apps")) {
      return;
    }
    if (type.kind().equals("ReplicaSet")) {
      settleReplicaSet(o);
      return;
    }
    if (!type.kind().equals("Deployment")) {
      return;
    }
    int wanted = Math.max(0, o.path("spec").path("replicas").asInt(1));
    int replicas = simulatedReplicas(o);
    long generation = o.path("metadata").path("generation").asLong(1);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode status = o.putObject("status");
    status.put("observedGeneration", generation);
    status.put("replicas", replicas);
    status.put("updatedReplicas", replicas);
    status.put("readyReplicas", replicas);
    status.put("availableReplicas", replicas);
    ArrayNode conditions = status.putArray("conditions");
    if (replicas < wanted) {
      status.put("unavailableReplicas", wanted - replicas);
    }
    ObjectNode available = conditions.addObject();
    available.put("type", "Available");
    available.put("status", "True");
    available.put("lastUpdateTime", now);
    available.put("lastTransitionTime", now);
    available.put("reason", "MinimumReplicasAvailable");
    available.put("message", "Deployment has minimum availability.");
    ObjectNode progressing = conditions.addObject();
    progressing.put("type", "Progressing");
    progressing.put("lastUpdateTime", now);
    progressing.put("lastTransitionTime", now);
    String rs =
        o.path("metadata").path("name").asText()
            + "-"
            + templateHash(o.path("spec").path("template"));
    if (replicas < wanted) {
      progressing.put("status", "False");
      progressing.put("reason", "ProgressDeadlineExceeded");
      progressing.put(
          "message",
          "ReplicaSet \""
              + rs
              + "\" has not progressed: the embedded sandbox simulates at most "
              + MAX_PODS
              + " pods per ReplicaSet.");
    } else {
      progressing.put("status", "True");
      progressing.put("reason", "NewReplicaSetAvailable");
      progressing.put("message", "ReplicaSet \"" + rs + "\" has successfully progressed.");
    }
  }

  private static void settleReplicaSet(ObjectNode o) {
    int replicas = simulatedReplicas(o);
    ObjectNode status = o.putObject("status");
    status.put("replicas", replicas);
    status.put("fullyLabeledReplicas", replicas);
    status.put("readyReplicas", replicas);
    status.put("availableReplicas", replicas);
    status.put("observedGeneration", o.path("metadata").path("generation").asLong(1));
  }

  /**
   * The pod-template-hash of a template: the same for the same content whatever the order of its
   * fields, so a re-applied Deployment does not roll out.
   */
  public static String templateHash(JsonNode template) {
    return hash(canonical(template).toString(), 10);
  }

  /**
   * Sorted fields, without nulls and empty objects or lists: a template kubectl sends back from a
   * ReplicaSet ({@code rollout undo}) carries Go's zero values ({@code "creationTimestamp": null,
   * "resources": {}}), which the API server's defaulting makes the same as leaving them out.
   */
  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String n : names) {
        JsonNode value = canonical(node.get(n));
        if (!value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
          sorted.set(n, value);
        }
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> copy.add(canonical(e)));
      return copy;
    }
    return node;
  }

  /** The replicas a workload asks for, as many as the sandbox simulates. */
  public static int simulatedReplicas(JsonNode workload) {
    return Math.min(Math.max(0, workload.path("spec").path("replicas").asInt(1)), MAX_PODS);
  }

  /** A generated name part, as the API server adds to a {@code generateName}. */
  public static String randomSuffix() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
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

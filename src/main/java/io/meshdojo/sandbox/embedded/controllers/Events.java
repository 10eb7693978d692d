package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Events as controllers record them ({@code kubectl get events}, {@code kubectl describe}). A
 * sandbox keeps the newest {@link #KEPT}; older ones go, as a real cluster drops events after an
 * hour.
 */
final class Events {

  static final int KEPT = 200;

  private Events() {}

  static void normal(Cluster cluster, JsonNode involved, String reason, String message, String by) {
    record(cluster, involved, "Normal", reason, message, by);
  }

  static void warning(
      Cluster cluster, JsonNode involved, String reason, String message, String by) {
    record(cluster, involved, "Warning", reason, message, by);
  }

  private static void record(
      Cluster cluster,
      JsonNode involved,
      String type,
      String reason,
      String message,
      String component) {
    JsonNode meta = involved.path("metadata");
    String ns = meta.path("namespace").asText("default");
    while (cluster.count(Cluster.EVENTS) >= KEPT) {
      ObjectNode oldest = cluster.oldest(Cluster.EVENTS).orElseThrow();
      cluster.delete(
          Cluster.EVENTS,
          oldest.path("metadata").path("namespace").asText(),
          oldest.path("metadata").path("name").asText());
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode event = Cluster.JSON.objectNode();
    event.put("apiVersion", "v1");
    event.put("kind", "Event");
    ObjectNode em = event.putObject("metadata");
    // Named as client-go names events: the object's name and a time-based hex suffix, unique here.
    String name = meta.path("name").asText();
    // Room for the suffix within a name's 253 characters, ending as a DNS label must.
    String base =
        name.substring(0, Math.min(name.length(), 236)).replaceAll("[^a-z0-9]+$", "") + ".";
    long stamp = System.currentTimeMillis() * 1_000_000L;
    while (cluster.find(Cluster.EVENTS, ns, base + Long.toHexString(stamp)).isPresent()) {
      stamp++;
    }
    em.put("name", base + Long.toHexString(stamp));
    em.put("namespace", ns);
    ObjectNode ref = event.putObject("involvedObject");
    ref.put("apiVersion", involved.path("apiVersion").asText());
    ref.put("kind", involved.path("kind").asText());
    ref.put("name", meta.path("name").asText());
    ref.put("namespace", ns);
    ref.put("uid", meta.path("uid").asText());
    event.put("reason", reason);
    event.put("message", message);
    event.put("type", type);
    event.putObject("source").put("component", component);
    event.put("firstTimestamp", now);
    event.put("lastTimestamp", now);
    event.put("count", 1);
    event.put("reportingComponent", component);
    event.put("reportingInstance", "meshdojo-embedded");
    cluster.create(Cluster.EVENTS, ns, event);
  }
}

package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Server-side printing: the columns {@code kubectl get} shows for each kind (also the console's
 * {@code get}).
 */
public final class Tables {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Tables() {}

  public static ObjectNode table(ResourceType type, ObjectStore.Listing listing) {
    ObjectNode table = header(type);
    table.putObject("metadata").put("resourceVersion", String.valueOf(listing.resourceVersion()));
    ArrayNode rows = table.putArray("rows");
    listing.items().forEach(o -> rows.add(rowOf(type, o)));
    return table;
  }

  /** A one-row table, as a watch event carries it. */
  static ObjectNode row(ResourceType type, ObjectNode object) {
    ObjectNode table = header(type);
    table
        .putObject("metadata")
        .put("resourceVersion", object.path("metadata").path("resourceVersion").asText());
    table.putArray("rows").add(rowOf(type, object));
    return table;
  }

  private static ObjectNode header(ResourceType type) {
    ObjectNode table = F.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ArrayNode columns = table.putArray("columnDefinitions");
    for (String c : columns(type)) {
      ObjectNode def = columns.addObject();
      def.put("name", c);
      def.put(
          "type",
          Set.of("Restarts", "Up-to-date", "Available", "Desired", "Current").contains(c)
              ? "integer"
              : "string");
      def.put("format", c.equals("Name") ? "name" : "");
      def.put("description", "");
      def.put("priority", 0);
    }
    return table;
  }

  private static List<String> columns(ResourceType type) {
    return switch (type.qualifiedName()) {
      case "pods" -> List.of("Name", "Ready", "Status", "Restarts", "Age");
      case "deployments.apps" -> List.of("Name", "Ready", "Up-to-date", "Available", "Age");
      case "replicasets.apps" -> List.of("Name", "Desired", "Current", "Ready", "Age");
      case "events" -> List.of("Last Seen", "Type", "Reason", "Object", "Message");
      case "services" -> List.of("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age");
      case "namespaces" -> List.of("Name", "Status", "Age");
      case "serviceaccounts" -> List.of("Name", "Secrets", "Age");
      case "virtualservices.networking.istio.io" -> List.of("Name", "Gateways", "Hosts", "Age");
      case "gateways.networking.istio.io" -> List.of("Name", "Age");
      case "destinationrules.networking.istio.io" -> List.of("Name", "Host", "Age");
      case "serviceentries.networking.istio.io" ->
          List.of("Name", "Hosts", "Location", "Resolution", "Age");
      case "peerauthentications.security.istio.io" -> List.of("Name", "Mode", "Age");
      case "authorizationpolicies.security.istio.io" -> List.of("Name", "Action", "Age");
      default -> List.of("Name", "Age");
    };
  }

  private static ObjectNode rowOf(ResourceType type, ObjectNode o) {
    JsonNode spec = o.path("spec");
    JsonNode status = o.path("status");
    List<Object> cells = new ArrayList<>();
    if (type.qualifiedName().equals("events")) {
      eventCells(o, cells);
      return rowWith(o, cells);
    }
    cells.add(o.path("metadata").path("name").asText());
    switch (type.qualifiedName()) {
      case "pods" -> {
        int total = spec.path("containers").size();
        int ready = 0;
        int restarts = 0;
        for (JsonNode cs : status.path("containerStatuses")) {
          ready += cs.path("ready").asBoolean() ? 1 : 0;
          restarts += cs.path("restartCount").asInt();
        }
        cells.add(ready + "/" + total);
        cells.add(status.path("phase").asText("Pending"));
        cells.add(restarts);
      }
      case "deployments.apps" -> {
        cells.add(status.path("readyReplicas").asInt() + "/" + spec.path("replicas").asInt(1));
        cells.add(status.path("updatedReplicas").asInt());
        cells.add(status.path("availableReplicas").asInt());
      }
      case "replicasets.apps" -> {
        cells.add(spec.path("replicas").asInt(1));
        cells.add(status.path("replicas").asInt());
        cells.add(status.path("readyReplicas").asInt());
      }
      case "services" -> {
        cells.add(spec.path("type").asText("ClusterIP"));
        cells.add(spec.path("clusterIP").asText("None"));
        cells.add("<none>");
        List<String> ports = new ArrayList<>();
        spec.path("ports")
            .forEach(
                p -> ports.add(p.path("port").asText() + "/" + p.path("protocol").asText("TCP")));
        cells.add(ports.isEmpty() ? "<none>" : String.join(",", ports));
      }
      case "namespaces" -> cells.add(status.path("phase").asText("Active"));
      case "serviceaccounts" -> cells.add(o.path("secrets").size());
      case "virtualservices.networking.istio.io" -> {
        cells.add(list(spec.path("gateways")));
        cells.add(list(spec.path("hosts")));
      }
      case "destinationrules.networking.istio.io" -> cells.add(spec.path("host").asText());
      case "serviceentries.networking.istio.io" -> {
        cells.add(list(spec.path("hosts")));
        cells.add(spec.path("location").asText(""));
        cells.add(spec.path("resolution").asText(""));
      }
      case "peerauthentications.security.istio.io" ->
          cells.add(spec.path("mtls").path("mode").asText(""));
      case "authorizationpolicies.security.istio.io" ->
          cells.add(spec.path("action").asText("ALLOW"));
      default -> {}
    }
    cells.add(age(o.path("metadata").path("creationTimestamp").asText()));
    return rowWith(o, cells);
  }

  /** kubectl's event columns; the object as {@code kind/name}, lower-cased as kubectl prints it. */
  private static void eventCells(ObjectNode e, List<Object> cells) {
    cells.add(
        age(e.path("lastTimestamp").asText(e.path("metadata").path("creationTimestamp").asText())));
    cells.add(e.path("type").asText());
    cells.add(e.path("reason").asText());
    JsonNode involved = e.path("involvedObject");
    cells.add(
        involved.path("kind").asText().toLowerCase(Locale.ROOT)
            + "/"
            + involved.path("name").asText());
    cells.add(e.path("message").asText());
  }

  private static ObjectNode rowWith(ObjectNode o, List<Object> cells) {
    ObjectNode row = F.objectNode();
    ArrayNode out = row.putArray("cells");
    for (Object c : cells) {
      if (c instanceof Integer i) {
        out.add(i);
      } else {
        out.add(String.valueOf(c));
      }
    }
    ObjectNode partial = row.putObject("object");
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", "meta.k8s.io/v1");
    partial.set("metadata", o.path("metadata").deepCopy());
    return row;
  }

  private static String list(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      return "";
    }
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return "[\"" + String.join("\",\"", values) + "\"]";
  }

  public static String age(String timestamp) {
    try {
      Duration d = Duration.between(Instant.parse(timestamp), Instant.now());
      long s = Math.max(0, d.getSeconds());
      if (s < 120) {
        return s + "s";
      }
      if (s < 3600) {
        return (s / 60) + "m";
      }
      if (s < 48 * 3600) {
        return (s / 3600) + "h";
      }
      return (s / 86400) + "d";
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }
}

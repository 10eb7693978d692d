package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.embedded.ResourceType;

/**
 * One committed-to-be change of a sandbox's object, as a watch would deliver it.
 *
 * @param event ADDED, MODIFIED or DELETED
 * @param object the object as stored (for DELETED, as it was)
 */
public record Change(String sandbox, String event, ResourceType type, ObjectNode object) {

  public boolean deleted() {
    return event.equals("DELETED");
  }

  public boolean is(String group, String kind) {
    return type.group().equals(group) && type.kind().equals(kind);
  }

  public String namespace() {
    return object.path("metadata").path("namespace").asText("");
  }

  public String name() {
    return object.path("metadata").path("name").asText("");
  }

  public String uid() {
    return object.path("metadata").path("uid").asText("");
  }

  /** The owner that controls this object ({@code controller: true}), if any. */
  public JsonNode controllerRef() {
    return Owners.controllerOf(object);
  }
}

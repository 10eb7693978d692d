package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** ownerReferences, as the garbage collector and the controllers read and write them. */
final class Owners {

  private Owners() {}

  /** The reference with {@code controller: true}, or a missing node. */
  static JsonNode controllerOf(JsonNode object) {
    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return MissingNode.getInstance();
  }

  static boolean ownedBy(JsonNode object, String ownerUid) {
    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
      if (ref.path("uid").asText().equals(ownerUid)) {
        return true;
      }
    }
    return false;
  }

  static boolean controlledBy(JsonNode object, String ownerUid) {
    return controllerOf(object).path("uid").asText("").equals(ownerUid);
  }

  /** Makes {@code owner} the controller of {@code dependent}, as a controller does at creation. */
  static void setController(ObjectNode dependent, JsonNode owner) {
    ObjectNode ref =
        ((ObjectNode) dependent.with("metadata")).putArray("ownerReferences").addObject();
    ref.put("apiVersion", owner.path("apiVersion").asText());
    ref.put("kind", owner.path("kind").asText());
    ref.put("name", owner.path("metadata").path("name").asText());
    ref.put("uid", owner.path("metadata").path("uid").asText());
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
  }
}

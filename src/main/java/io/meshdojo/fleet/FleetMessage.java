package io.meshdojo.fleet;

import java.nio.charset.StandardCharsets;

/**
 * What one replica tells the others: which replica sent it, about what (a topic) and a short body
 * naming the thing that changed. Receivers read the rest from the database, so a message stays far
 * below PostgreSQL's 8000-byte limit for a notification's payload.
 */
public record FleetMessage(String origin, String topic, String body) {

  /** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
  static final int MAX_BYTES = 7999;

  public FleetMessage {
    if (origin.contains(" ") || topic.contains(" ")) {
      throw new IllegalArgumentException(
          "an origin or a topic may not contain spaces: " + origin + ", " + topic);
    }
  }

  /** The notification's payload: origin, topic and body separated by single spaces. */
  String encode() {
    String text = origin + " " + topic + " " + body;
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "a fleet message carries a name, not data: " + text.length() + " characters in " + topic);
    }
    return text;
  }

  /**
   * @return null for a payload no replica sent (someone else's NOTIFY on the channel)
   */
  static FleetMessage decode(String payload) {
    String[] parts = payload.split(" ", 3);
    return parts.length < 3 ? null : new FleetMessage(parts[0], parts[1], parts[2]);
  }
}

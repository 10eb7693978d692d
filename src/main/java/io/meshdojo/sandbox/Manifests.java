package io.meshdojo.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML manifests (one or several documents) into JSON objects. */
public final class Manifests {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  /**
   * @throws IllegalArgumentException with a sentence naming the problem
   */
  public static List<ObjectNode> parse(String text, String source) {
    List<ObjectNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        if (!doc.isObject()) {
          throw new IllegalArgumentException(source + ": a manifest must be a YAML mapping");
        }
        objects.add((ObjectNode) doc);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": malformed YAML: " + e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException(source + ": malformed YAML: " + e.getMessage(), e);
    }
    return objects;
  }

  public static ObjectNode parseOne(String text, String source) {
    List<ObjectNode> all = parse(text, source);
    if (all.size() != 1) {
      throw new IllegalArgumentException(source + ": expected exactly one object");
    }
    return all.get(0);
  }
}

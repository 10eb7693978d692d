package io.meshdojo.content;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Parses the project's own YAML content and checks it against its JSON Schema. */
public final class YamlFiles {

  private static final ObjectMapper YAML =
      new ObjectMapper(YAMLFactory.builder().build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper JSON = new ObjectMapper();

  private YamlFiles() {}

  public static JsonNode parse(String yaml) throws IOException {
    return YAML.readTree(yaml);
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    return YAML.convertValue(node, type);
  }

  public static JsonSchema schema(String json) {
    try {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JSON.readTree(json));
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable JSON Schema", e);
    }
  }

  /**
   * The document in {@code text} when it is YAML that {@code schema} accepts; otherwise empty, with
   * each problem added to {@code problems} as a line that starts with {@code where}.
   */
  public static Optional<JsonNode> validDocument(
      String where, String text, JsonSchema schema, List<String> problems) {
    JsonNode doc;
    try {
      doc = parse(text);
    } catch (Exception e) {
      problems.add(where + ": not valid YAML: " + ContentException.firstLine(e.getMessage()));
      return Optional.empty();
    }
    List<String> found = violations(schema, doc);
    found.forEach(v -> problems.add(where + ": " + v));
    return found.isEmpty() ? Optional.of(doc) : Optional.empty();
  }

  /** Schema violations as "path: message" lines; empty when the document is valid. */
  public static List<String> violations(JsonSchema schema, JsonNode document) {
    Set<ValidationMessage> messages = schema.validate(document);
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}

package io.meshdojo.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads YAML manifests (one or several documents) into JSON objects, and prints them back. */
public final class Manifests {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Where {@code kubectl apply} keeps the document it last applied, for its three-way merge. */
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** Compact JSON with every object's keys sorted, as Go writes the maps kubectl holds. */
  private static final ObjectMapper SORTED =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** How kubectl prints an object: no leading "---", quotes only where YAML needs them. */
  private static final ObjectMapper PRINTED =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              // A string that reads as a number keeps its quotes ("3"), as kubectl prints it.
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .stringQuotingChecker(new AsKubectlQuotes())
              .build());

  /**
   * Jackson's minimal quoting, plus quotes on every string that SnakeYAML's resolver (the YAML 1.1
   * rules Jackson's YAML is built on, and those of the go-yaml kubectl prints with) would read back
   * as something else: {@code 0x1F}, {@code 1e3}, {@code 1_000}, {@code .inf}, {@code 12:30},
   * {@code 2024-01-01}. Printed bare, such a label or annotation value would come back from a
   * re-applied {@code kubectl get -o yaml} as a number or a date, which Kubernetes refuses.
   */
  private static final class AsKubectlQuotes extends StringQuotingChecker.Default {

    private static final Resolver RESOLVER = new Resolver();

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || readsAsOtherThanText(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || readsAsOtherThanText(value);
    }

    private static boolean readsAsOtherThanText(String plain) {
      return !Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, plain, true));
    }
  }

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

  /** An object (or a List of them) as YAML, the way {@code kubectl get -o yaml} prints it. */
  public static String toYaml(JsonNode object) {
    try {
      return PRINTED.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree is always writable as YAML", e);
    }
  }

  /**
   * Records {@code object} as its own last-applied configuration, as {@code kubectl apply} does:
   * the document as compact JSON, without that annotation itself, so a later {@code kubectl apply}
   * merges from it instead of warning that it is missing.
   */
  public static void recordLastApplied(ObjectNode object) {
    // A document without proper metadata is left as it is, for validation to refuse.
    if (!(object.get("metadata") instanceof ObjectNode metadata)) {
      return;
    }
    JsonNode existing = metadata.get("annotations");
    if (existing != null && !existing.isObject()) {
      return;
    }
    ObjectNode annotations =
        existing == null ? metadata.putObject("annotations") : (ObjectNode) existing;
    annotations.remove(LAST_APPLIED);
    try {
      // kubectl ends the JSON with a newline, as Go's encoder does
      String applied = SORTED.writeValueAsString(SORTED.treeToValue(object, Object.class)) + "\n";
      annotations.put(LAST_APPLIED, applied);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree is always writable as JSON", e);
    }
  }

  public static ObjectNode parseOne(String text, String source) {
    List<ObjectNode> all = parse(text, source);
    if (all.size() != 1) {
      throw new IllegalArgumentException(source + ": expected exactly one object");
    }
    return all.get(0);
  }
}

package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The three patch formats kubectl sends. Every method works on a copy and returns it. */
public final class Patches {

  /**
   * Merge keys of the lists that strategic merge patch merges element by element, by field name.
   * {@code ports} is keyed by containerPort in containers and by port in Services.
   */
  private static final Map<String, String> MERGE_KEYS =
      Map.ofEntries(
          Map.entry("containers", "name"),
          Map.entry("initContainers", "name"),
          Map.entry("ephemeralContainers", "name"),
          Map.entry("env", "name"),
          Map.entry("volumes", "name"),
          Map.entry("volumeMounts", "mountPath"),
          Map.entry("volumeDevices", "devicePath"),
          Map.entry("imagePullSecrets", "name"),
          Map.entry("hostAliases", "ip"),
          Map.entry("conditions", "type"),
          Map.entry("ownerReferences", "uid"),
          Map.entry("secrets", "name"),
          Map.entry("topologySpreadConstraints", "topologyKey"));

  /** Primitive lists whose strategy is merge (values are added, not replaced). */
  private static final Set<String> MERGED_PRIMITIVE_LISTS = Set.of("finalizers");

  private static final String ORDER = "$setElementOrder/";
  private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

  private Patches() {}

  /** RFC 6902. */
  public static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw KubeException.badRequest("a JSON patch must be an array of operations");
    }
    for (JsonNode op : patch) {
      String name = op.path("op").asText();
      String path = op.path("path").asText();
      if ((name.equals("remove") || name.equals("replace") || name.equals("test"))
          && !path.endsWith("/-")
          && pointer(target, path).isMissingNode()) {
        throw new KubeException(
            422,
            "Invalid",
            "the JSON patch could not be applied: " + name + " of missing path " + path);
      }
    }
    try {
      return JsonPatch.apply(patch, target);
    } catch (RuntimeException e) {
      throw new KubeException(
          422, "Invalid", "the JSON patch could not be applied: " + e.getMessage());
    }
  }

  private static JsonNode pointer(JsonNode target, String path) {
    try {
      return target.at(path);
    } catch (IllegalArgumentException e) {
      throw KubeException.badRequest("invalid JSON pointer " + path);
    }
  }

  /** RFC 7386: objects merge, null removes a member, anything else (arrays too) replaces. */
  public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : null;
    if (result == null) {
      result = patch.deepCopy();
      removeNulls(result);
      return result;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  private static void removeNulls(JsonNode node) {
    if (node.isObject()) {
      List<String> nulls = new ArrayList<>();
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isNull()) {
                  nulls.add(e.getKey());
                } else {
                  removeNulls(e.getValue());
                }
              });
      ((ObjectNode) node).remove(nulls);
    }
  }

  /**
   * Strategic merge patch for the built-in kinds, as far as kubectl apply uses it: lists of
   * containers, ports, env, volumes… merge by key; {@code $patch: delete|replace}, {@code
   * $setElementOrder}, {@code $retainKeys} and {@code $deleteFromPrimitiveList} are honoured.
   */
  public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      throw KubeException.badRequest("a strategic merge patch must be a JSON object");
    }
    ObjectNode base = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : null;
    return strategicObject(
        base == null ? JsonNodeFactory.instance.objectNode() : base, (ObjectNode) patch);
  }

  private static ObjectNode strategicObject(ObjectNode target, ObjectNode patch) {
    JsonNode directive = patch.get("$patch");
    if (directive != null) {
      String d = directive.asText();
      if (d.equals("replace")) {
        ObjectNode replaced = patch.deepCopy();
        replaced.remove("$patch");
        return clean(replaced);
      }
      if (d.equals("delete")) {
        return null;
      }
      throw KubeException.badRequest("unknown patch directive $patch: " + d);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.startsWith(ORDER) || key.equals("$retainKeys")) {
        continue;
      }
      if (key.startsWith(DELETE_PRIMITIVE)) {
        String field = key.substring(DELETE_PRIMITIVE.length());
        JsonNode current = target.get(field);
        if (current != null && current.isArray() && value.isArray()) {
          Set<JsonNode> gone = new HashSet<>();
          value.forEach(gone::add);
          ArrayNode kept = target.arrayNode();
          current.forEach(
              v -> {
                if (!gone.contains(v)) {
                  kept.add(v);
                }
              });
          target.set(field, kept);
        }
        continue;
      }
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject()) {
        JsonNode current = target.get(key);
        ObjectNode merged =
            strategicObject(
                current != null && current.isObject() ? (ObjectNode) current : target.objectNode(),
                (ObjectNode) value);
        if (merged == null) {
          target.remove(key);
        } else {
          target.set(key, merged);
        }
      } else if (value.isArray()) {
        target.set(key, strategicList(key, target.get(key), (ArrayNode) value));
      } else {
        target.set(key, value.deepCopy());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith(ORDER) && e.getValue().isArray()) {
        String field = e.getKey().substring(ORDER.length());
        JsonNode list = target.get(field);
        if (list != null && list.isArray()) {
          target.set(field, reorder((ArrayNode) list, (ArrayNode) e.getValue()));
        }
      }
    }
    JsonNode retain = patch.get("$retainKeys");
    if (retain != null && retain.isArray()) {
      Set<String> keep = new HashSet<>();
      retain.forEach(k -> keep.add(k.asText()));
      List<String> drop = new ArrayList<>();
      target
          .fieldNames()
          .forEachRemaining(
              n -> {
                if (!keep.contains(n)) {
                  drop.add(n);
                }
              });
      target.remove(drop);
    }
    return target;
  }

  private static ArrayNode strategicList(String field, JsonNode current, ArrayNode patch) {
    String mergeKey = mergeKey(field, patch, current);
    if (mergeKey == null) {
      if (MERGED_PRIMITIVE_LISTS.contains(field) && current != null && current.isArray()) {
        ArrayNode merged = ((ArrayNode) current).deepCopy();
        patch.forEach(
            v -> {
              if (!contains(merged, v)) {
                merged.add(v.deepCopy());
              }
            });
        return merged;
      }
      ArrayNode copy = patch.arrayNode();
      for (JsonNode v : patch) {
        if (v.isObject() && v.has("$patch")) {
          continue;
        }
        copy.add(v.isObject() ? clean(((ObjectNode) v).deepCopy()) : v.deepCopy());
      }
      return copy;
    }
    ArrayNode result =
        current != null && current.isArray() ? ((ArrayNode) current).deepCopy() : patch.arrayNode();
    for (JsonNode item : patch) {
      if (!item.isObject()) {
        throw KubeException.badRequest("list " + field + " must hold objects keyed by " + mergeKey);
      }
      ObjectNode element = (ObjectNode) item;
      if (element.path("$patch").asText().equals("replace")) {
        ArrayNode replaced = patch.arrayNode();
        patch.forEach(
            v -> {
              if (!v.has("$patch")) {
                replaced.add(clean(((ObjectNode) v).deepCopy()));
              }
            });
        return replaced;
      }
      JsonNode key = element.get(mergeKey);
      int index = indexOf(result, mergeKey, key);
      if (element.path("$patch").asText().equals("delete")) {
        if (index >= 0) {
          result.remove(index);
        }
        continue;
      }
      if (index >= 0) {
        ObjectNode merged = strategicObject((ObjectNode) result.get(index), element);
        result.set(index, merged);
      } else {
        result.add(clean(element.deepCopy()));
      }
    }
    return result;
  }

  private static String mergeKey(String field, ArrayNode patch, JsonNode current) {
    if (field.equals("ports")) {
      JsonNode sample = patch.size() > 0 ? patch.get(0) : current == null ? null : current.get(0);
      if (sample != null && sample.has("containerPort")) {
        return "containerPort";
      }
      return "port";
    }
    return MERGE_KEYS.get(field);
  }

  private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode candidate = list.get(i).get(mergeKey);
      if (candidate != null && key != null && candidate.asText().equals(key.asText())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode list, JsonNode value) {
    for (JsonNode v : list) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode reorder(ArrayNode list, ArrayNode order) {
    ArrayNode sorted = list.arrayNode();
    List<JsonNode> rest = new ArrayList<>();
    list.forEach(rest::add);
    for (JsonNode wanted : order) {
      for (Iterator<JsonNode> it = rest.iterator(); it.hasNext(); ) {
        JsonNode candidate = it.next();
        if (matches(candidate, wanted)) {
          sorted.add(candidate);
          it.remove();
          break;
        }
      }
    }
    rest.forEach(sorted::add);
    return sorted;
  }

  private static boolean matches(JsonNode candidate, JsonNode wanted) {
    if (!wanted.isObject()) {
      return candidate.equals(wanted);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().asText().equals(candidate.path(e.getKey()).asText())) {
        return false;
      }
    }
    return true;
  }

  /** Drops directives and nulls from an object that is being inserted as a whole. */
  private static ObjectNode clean(ObjectNode node) {
    List<String> drop = new ArrayList<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith("$") || e.getValue().isNull()) {
                drop.add(e.getKey());
              } else if (e.getValue().isObject()) {
                clean((ObjectNode) e.getValue());
              } else if (e.getValue().isArray()) {
                e.getValue()
                    .forEach(
                        v -> {
                          if (v.isObject()) {
                            clean((ObjectNode) v);
                          }
                        });
              }
            });
    node.remove(drop);
    return node;
  }
}

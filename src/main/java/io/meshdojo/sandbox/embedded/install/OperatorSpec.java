package io.meshdojo.sandbox.embedded.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IstioOperator spec an install applies, built as istioctl builds it: the profile's spec, then
 * the {@code -f} file's spec over it (gateways merged by name), then each {@code --set} path.
 */
public final class OperatorSpec {

  public static final List<String> PROFILES = List.of("default", "demo", "minimal");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> TOP_LEVEL =
      Set.of("profile", "revision", "hub", "tag", "meshConfig", "components", "values");
  private static final Pattern STEP = Pattern.compile("([A-Za-z0-9_-]+)(?:\\[(\\d{1,2})])?");
  private static final Pattern REVISION = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final ObjectNode spec;

  private OperatorSpec(ObjectNode spec) {
    this.spec = spec;
  }

  /**
   * @param operator the {@code -f} document (an IstioOperator), or null
   * @param sets {@code --set} paths and values, in order
   * @param revisionFlag {@code --revision}, or null
   */
  public static OperatorSpec of(
      ObjectNode operator, List<Map.Entry<String, String>> sets, String revisionFlag) {
    ObjectNode file = JSON.objectNode();
    if (operator != null) {
      if (!"IstioOperator".equals(operator.path("kind").asText())
          || !operator.path("apiVersion").asText().startsWith("install.istio.io/")) {
        throw new InstallRefused(
            "Error: could not read the file: expected kind IstioOperator of install.istio.io,"
                + " got "
                + operator.path("kind").asText("nothing"));
      }
      if (operator.path("spec").isObject()) {
        file = (ObjectNode) operator.get("spec").deepCopy();
      }
    }
    String profile = file.path("profile").asText("default");
    for (Map.Entry<String, String> set : sets) {
      if (set.getKey().equals("profile")) {
        profile = set.getValue();
      }
    }
    ObjectNode spec = profile(profile);
    merge(spec, file);
    spec.put("profile", profile);
    for (Map.Entry<String, String> set : sets) {
      apply(spec, set.getKey(), set.getValue());
    }
    String fromSpec = spec.path("revision").asText("");
    if (revisionFlag != null) {
      if (!fromSpec.isEmpty() && !fromSpec.equals(revisionFlag)) {
        throw new InstallRefused(
            "Error: --revision \""
                + revisionFlag
                + "\" conflicts with the revision \""
                + fromSpec
                + "\" set in the IstioOperator or with --set revision");
      }
      spec.put("revision", revisionFlag);
    }
    String revision = spec.path("revision").asText("");
    if (!revision.isEmpty() && !REVISION.matcher(revision).matches()) {
      throw new InstallRefused(
          "Error: invalid revision \""
              + revision
              + "\": a revision is a DNS label (lower case letters, digits and '-'), e.g. 1-26-3");
    }
    return new OperatorSpec(spec);
  }

  private static ObjectNode profile(String name) {
    if (!PROFILES.contains(name)) {
      throw new InstallRefused(
          "Error: failed to generate Istio configs from file: profile \""
              + name
              + "\" not found. Valid profiles here: "
              + String.join(", ", PROFILES));
    }
    try (InputStream in =
        OperatorSpec.class.getResourceAsStream("/install/profiles/" + name + ".yaml")) {
      return (ObjectNode) YAML.readTree(in).get("spec");
    } catch (IOException e) {
      throw new UncheckedIOException("a profile is packaged with the service", e);
    }
  }

  /** Objects merge key by key; gateway lists merge by {@code name}; other lists are replaced. */
  private static void merge(ObjectNode into, ObjectNode over) {
    Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode mine = into.get(f.getKey());
      JsonNode theirs = f.getValue();
      if (mine instanceof ObjectNode m && theirs instanceof ObjectNode t) {
        merge(m, t);
      } else if (mine instanceof ArrayNode m
          && theirs instanceof ArrayNode t
          && f.getKey().endsWith("Gateways")) {
        mergeByName(m, t);
      } else {
        into.set(f.getKey(), theirs.deepCopy());
      }
    }
  }

  private static void mergeByName(ArrayNode into, ArrayNode over) {
    for (JsonNode item : over) {
      ObjectNode match = null;
      for (JsonNode existing : into) {
        if (existing.path("name").asText().equals(item.path("name").asText("\0"))) {
          match = (ObjectNode) existing;
        }
      }
      if (match != null && item instanceof ObjectNode o) {
        merge(match, o);
      } else {
        into.add(item.deepCopy());
      }
    }
  }

  /** {@code a.b[0].c=value}: numbers and booleans are typed, as Helm's --set does. */
  private static void apply(ObjectNode spec, String path, String value) {
    String[] steps = path.split("\\.");
    if (!TOP_LEVEL.contains(steps[0].replaceFirst("\\[.*", ""))) {
      throw new InstallRefused(
          "Error: unknown field \""
              + steps[0]
              + "\" in IstioOperator spec (--set "
              + path
              + "); the embedded install knows "
              + String.join(", ", TOP_LEVEL.stream().sorted().toList()));
    }
    JsonNode node = spec;
    for (int i = 0; i < steps.length; i++) {
      Matcher m = STEP.matcher(steps[i]);
      if (!m.matches()) {
        throw new InstallRefused("Error: cannot read --set path \"" + path + "\"");
      }
      boolean last = i == steps.length - 1;
      ObjectNode parent = (ObjectNode) node;
      if (m.group(2) == null) {
        if (last) {
          parent.set(m.group(1), typed(value));
        } else {
          node = parent.get(m.group(1)) instanceof ObjectNode o ? o : parent.putObject(m.group(1));
        }
        continue;
      }
      ArrayNode list =
          parent.get(m.group(1)) instanceof ArrayNode a ? a : parent.putArray(m.group(1));
      int index = Integer.parseInt(m.group(2));
      while (list.size() <= index) {
        list.addObject();
      }
      if (last) {
        list.set(index, typed(value));
      } else {
        node = list.get(index) instanceof ObjectNode o ? o : list.insertObject(index);
      }
    }
  }

  private static JsonNode typed(String value) {
    if (value.equals("true") || value.equals("false")) {
      return JSON.booleanNode(Boolean.parseBoolean(value));
    }
    if (value.matches("-?\\d{1,9}")) {
      return JSON.numberNode(Integer.parseInt(value));
    }
    if (value.matches("-?\\d{1,9}\\.\\d{1,6}")) {
      return JSON.numberNode(Double.parseDouble(value));
    }
    return JSON.textNode(value);
  }

  /** The merged spec, as the IstioOperator record of the install keeps it. */
  public ObjectNode spec() {
    return spec.deepCopy();
  }

  public String profile() {
    return spec.path("profile").asText();
  }

  /** The revision, "" for the default one. */
  public String revision() {
    return spec.path("revision").asText("");
  }

  /** The mesh config the install writes into its {@code istio} ConfigMap. */
  public ObjectNode meshConfig() {
    return spec.path("meshConfig") instanceof ObjectNode o ? o.deepCopy() : JSON.objectNode();
  }

  /** {@code values.pilot.traceSampling}, istiod's PILOT_TRACE_SAMPLING, or null. */
  public JsonNode traceSampling() {
    JsonNode v = spec.path("values").path("pilot").path("traceSampling");
    return v.isMissingNode() || v.isNull() ? null : v;
  }

  /** The gateways of a kind ({@code ingressGateways}, {@code egressGateways}), enabled or not. */
  public List<Gateway> gateways(String kind) {
    java.util.ArrayList<Gateway> out = new java.util.ArrayList<>();
    for (JsonNode g : spec.path("components").path(kind)) {
      String name =
          g.path("name")
              .asText(kind.startsWith("ingress") ? "istio-ingressgateway" : "istio-egressgateway");
      if (!REVISION.matcher(name).matches()) {
        throw new InstallRefused("Error: invalid gateway name \"" + name + "\"");
      }
      int replicas = g.path("k8s").path("replicaCount").asInt(1);
      if (replicas < 0 || replicas > 10) {
        throw new InstallRefused(
            "Error: "
                + name
                + ": k8s.replicaCount must be between 0 and 10 in the embedded sandbox");
      }
      out.add(
          new Gateway(
              name, kind.startsWith("ingress"), g.path("enabled").asBoolean(false), replicas));
    }
    return out;
  }

  /**
   * @param ingress ingress (a LoadBalancer Service) or egress (ClusterIP)
   */
  public record Gateway(String name, boolean ingress, boolean enabled, int replicas) {}
}

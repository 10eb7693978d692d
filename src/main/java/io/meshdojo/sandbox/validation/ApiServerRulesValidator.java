package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API server's own validation, beyond the schema's types ({@link ModelSchemaValidator}): label
 * and annotation syntax for every kind, and for the built-in kinds what their validation requires
 * (a Deployment's selector matching its template, containers with a name and an image, ports in
 * range, config keys) and what may not change once set. Worded as the API server words its field
 * errors ({@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}).
 */
@ApplicationScoped
public class ApiServerRulesValidator implements ManifestValidator {

  private static final Pattern NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
  private static final int MAX_ANNOTATION_BYTES = 256 * 1024;

  private static final String NAME_PART_RULE =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
          + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
          + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String SUBDOMAIN_RULE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex"
          + " used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String LABEL_RULE =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String LABEL_VALUE_RULE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  private static final String CONFIG_KEY_RULE =
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
          + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is"
          + " '[-._a-zA-Z0-9]+')";
  private static final String PORT_RANGE = "must be between 1 and 65535, inclusive";

  @Override
  public List<Problem> validate(String group, String version, String kind, ObjectNode object) {
    Problems problems = new Problems();
    metadata(object.path("metadata"), "metadata", problems);
    JsonNode spec = object.path("spec");
    switch (group + "/" + kind) {
      case "apps/Deployment" -> deployment(spec, problems);
      case "/Pod" -> podSpec(spec, "spec", problems);
      case "/Service" -> service(spec, problems);
      case "/ConfigMap" -> {
        configKeys(object.path("data"), "data", problems);
        configKeys(object.path("binaryData"), "binaryData", problems);
      }
      case "/Secret" -> {
        configKeys(object.path("data"), "data", problems);
        configKeys(object.path("stringData"), "stringData", problems);
        base64Values(object.path("data"), problems);
      }
      default -> {}
    }
    return problems.list;
  }

  @Override
  public List<Problem> validateUpdate(
      String group, String version, String kind, ObjectNode object, ObjectNode old) {
    Problems problems = new Problems();
    switch (group + "/" + kind) {
      case "apps/Deployment" -> {
        JsonNode before = old.path("spec").path("selector");
        JsonNode after = object.path("spec").path("selector");
        if (!before.isMissingNode() && !before.equals(after)) {
          problems.invalid("spec.selector", GoValues.selector(after), "field is immutable");
        }
      }
      case "/Service" -> {
        String before = old.path("spec").path("clusterIP").asText("");
        String after = object.path("spec").path("clusterIP").asText("");
        // An update that leaves clusterIP out keeps the allocated one, as on a real cluster.
        if (!before.isEmpty() && !after.isEmpty() && !before.equals(after)) {
          problems.invalid("spec.clusterIP", quoted(after), "field is immutable");
        }
      }
      default -> {}
    }
    return problems.list;
  }

  // ---- metadata ----

  private static void metadata(JsonNode meta, String path, Problems problems) {
    labels(meta.path("labels"), path + ".labels", problems);
    JsonNode annotations = meta.path("annotations");
    if (annotations.isObject()) {
      long bytes = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        qualifiedName(
            e.getKey().toLowerCase(Locale.ROOT), e.getKey(), path + ".annotations", problems);
        bytes += e.getKey().length() + utf8Length(e.getValue().asText(""));
      }
      if (bytes > MAX_ANNOTATION_BYTES) {
        problems.add(
            path + ".annotations: Too long: must have at most " + MAX_ANNOTATION_BYTES + " bytes");
      }
    }
  }

  private static void labels(JsonNode labels, String path, Problems problems) {
    if (!labels.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      qualifiedName(e.getKey(), e.getKey(), path, problems);
      if (e.getValue().isTextual()) {
        String value = e.getValue().asText();
        if (value.length() > 63) {
          problems.invalid(path, quoted(value), "must be no more than 63 characters");
        }
        if (!value.isEmpty() && !NAME_PART.matcher(value).matches()) {
          problems.invalid(path, quoted(value), LABEL_VALUE_RULE);
        }
      }
    }
  }

  /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name part. */
  private static void qualifiedName(String key, String shown, String path, Problems problems) {
    String[] parts = key.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        problems.invalid(path, quoted(shown), "prefix part must be non-empty");
      } else {
        if (prefix.length() > 253) {
          problems.invalid(path, quoted(shown), "prefix part must be no more than 253 characters");
        }
        if (!DNS_SUBDOMAIN.matcher(prefix).matches()) {
          problems.invalid(path, quoted(shown), "prefix part " + SUBDOMAIN_RULE);
        }
      }
    } else {
      problems.invalid(
          path,
          quoted(shown),
          "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must"
              + " start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
              + " '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return;
    }
    if (name.isEmpty()) {
      problems.invalid(path, quoted(shown), "name part must be non-empty");
      return;
    }
    if (name.length() > 63) {
      problems.invalid(path, quoted(shown), "name part must be no more than 63 characters");
    }
    if (!NAME_PART.matcher(name).matches()) {
      problems.invalid(path, quoted(shown), NAME_PART_RULE);
    }
  }

  // ---- workloads ----

  private static void deployment(JsonNode spec, Problems problems) {
    JsonNode replicas = spec.path("replicas");
    if (replicas.isIntegralNumber() && replicas.asLong() < 0) {
      problems.invalid("spec.replicas", replicas.asText(), "must be greater than or equal to 0");
    }
    JsonNode selector = spec.path("selector");
    JsonNode templateLabels = spec.path("template").path("metadata").path("labels");
    if (!selector.isObject()) {
      problems.add("spec.selector: Required value");
    } else {
      labels(selector.path("matchLabels"), "spec.selector.matchLabels", problems);
      if (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty()) {
        problems.invalid(
            "spec.selector",
            GoValues.selector(selector),
            "empty selector is invalid for deployment");
      } else if (!LabelSelectors.matches(selector, templateLabels)) {
        problems.invalid(
            "spec.template.metadata.labels",
            GoValues.stringMap(templateLabels),
            "`selector` does not match template `labels`");
      }
    }
    JsonNode strategy = spec.path("strategy").path("type");
    if (strategy.isTextual()) {
      oneOf(
          strategy.asText(), "spec.strategy.type", List.of("Recreate", "RollingUpdate"), problems);
    }
    metadata(spec.path("template").path("metadata"), "spec.template.metadata", problems);
    podSpec(spec.path("template").path("spec"), "spec.template.spec", problems);
  }

  private static void podSpec(JsonNode spec, String path, Problems problems) {
    JsonNode containers = spec.path("containers");
    if (!containers.isArray()) {
      // absent, or of the wrong type, which decoding reports
      if (containers.isMissingNode() || containers.isNull()) {
        problems.add(path + ".containers: Required value");
      }
      return;
    }
    if (containers.isEmpty()) {
      problems.add(path + ".containers: Required value");
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      String at = path + ".containers[" + i + "]";
      JsonNode c = containers.get(i);
      String name = c.path("name").asText("");
      if (name.isEmpty()) {
        problems.add(at + ".name: Required value");
      } else if (!names.add(name)) {
        problems.add(at + ".name: Duplicate value: " + quoted(name));
      } else if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
        problems.invalid(at + ".name", quoted(name), LABEL_RULE);
      }
      if (c.path("image").asText("").isBlank()) {
        problems.add(at + ".image: Required value");
      }
      JsonNode pullPolicy = c.path("imagePullPolicy");
      if (pullPolicy.isTextual()) {
        oneOf(
            pullPolicy.asText(),
            at + ".imagePullPolicy",
            List.of("Always", "IfNotPresent", "Never"),
            problems);
      }
      JsonNode ports = c.path("ports");
      for (int j = 0; ports.isArray() && j < ports.size(); j++) {
        String portAt = at + ".ports[" + j + "]";
        JsonNode port = ports.get(j);
        JsonNode number = port.path("containerPort");
        if (!number.isIntegralNumber() || number.asLong() == 0) {
          problems.add(portAt + ".containerPort: Required value");
        } else if (number.asLong() < 1 || number.asLong() > 65535) {
          problems.invalid(portAt + ".containerPort", number.asText(), PORT_RANGE);
        }
        protocol(port.path("protocol"), portAt + ".protocol", problems);
      }
    }
  }

  // ---- services ----

  private static void service(JsonNode spec, Problems problems) {
    String type = spec.path("type").asText("ClusterIP");
    List<String> types = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    oneOf(type, "spec.type", types, problems);
    labels(spec.path("selector"), "spec.selector", problems);
    JsonNode ports = spec.path("ports");
    boolean headless = spec.path("clusterIP").asText("").equals("None");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      problems.add("spec.ports: Required value");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; ports.isArray() && i < ports.size(); i++) {
      String at = "spec.ports[" + i + "]";
      JsonNode port = ports.get(i);
      String name = port.path("name").asText("");
      if (name.isEmpty() && ports.size() > 1) {
        problems.add(at + ".name: Required value");
      } else if (!name.isEmpty() && !names.add(name)) {
        problems.add(at + ".name: Duplicate value: " + quoted(name));
      } else if (!name.isEmpty() && (name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
        problems.invalid(at + ".name", quoted(name), LABEL_RULE);
      }
      JsonNode number = port.path("port");
      if (number.isIntegralNumber() || number.isMissingNode()) {
        long p = number.asLong(0);
        if (p < 1 || p > 65535) {
          problems.invalid(at + ".port", String.valueOf(p), PORT_RANGE);
        }
      }
      protocol(port.path("protocol"), at + ".protocol", problems);
      JsonNode target = port.path("targetPort");
      if (target.isIntegralNumber() && (target.asLong() < 0 || target.asLong() > 65535)) {
        problems.invalid(at + ".targetPort", target.asText(), PORT_RANGE);
      } else if (target.isTextual()) {
        String t = target.asText();
        if (t.length() > 15 || !PORT_NAME.matcher(t).matches() || !t.matches(".*[a-z].*")) {
          problems.invalid(
              at + ".targetPort",
              quoted(t),
              "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), at most 15"
                  + " characters, with at least one letter");
        }
      }
    }
  }

  private static void protocol(JsonNode protocol, String path, Problems problems) {
    if (protocol.isTextual()) {
      oneOf(protocol.asText(), path, List.of("SCTP", "TCP", "UDP"), problems);
    }
  }

  private static void oneOf(String value, String path, List<String> supported, Problems problems) {
    if (!supported.contains(value)) {
      problems.unsupported(path, value, supported);
    }
  }

  // ---- config ----

  private static void configKeys(JsonNode data, String path, Problems problems) {
    if (!data.isObject()) {
      return;
    }
    for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      String at = path + "[" + key + "]";
      if (key.length() > 253) {
        problems.invalid(at, quoted(key), "must be no more than 253 characters");
      }
      if (!CONFIG_KEY.matcher(key).matches()) {
        problems.invalid(at, quoted(key), CONFIG_KEY_RULE);
      } else if (key.equals(".") || key.equals("..")) {
        problems.invalid(at, quoted(key), "must not be '" + key + "'");
      } else if (key.startsWith("..")) {
        problems.invalid(at, quoted(key), "must not start with '..'");
      }
    }
  }

  /** A Secret's data is base64: what is not cannot be decoded at all (400, before validation). */
  private static void base64Values(JsonNode data, Problems problems) {
    if (!data.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        continue;
      }
      String value = e.getValue().asText();
      if (!BASE64.matcher(value).matches() || value.length() % 4 != 0) {
        int bad = 0;
        while (bad < value.length()
            && "=".indexOf(value.charAt(bad)) < 0
            && isBase64(value.charAt(bad))) {
          bad++;
        }
        problems.list.add(
            new Problem(
                Rejection.UNDECODABLE,
                "data[" + e.getKey() + "]",
                "illegal base64 data at input byte " + Math.min(bad, value.length())));
      }
    }
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }

  // ---- wording ----

  private static String quoted(String value) {
    return GoValues.quoted(value);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Field errors, each one line as the API server's aggregate prints it. */
  private static final class Problems {
    final List<Problem> list = new ArrayList<>();

    void add(String message) {
      list.add(
          new Problem(
              Rejection.INVALID_VALUE, message.substring(0, message.indexOf(':')), message));
    }

    void invalid(String path, String value, String detail) {
      add(path + ": Invalid value: " + value + ": " + detail);
    }

    void unsupported(String path, String value, List<String> supported) {
      add(
          path
              + ": Unsupported value: "
              + quoted(value)
              + ": supported values: \""
              + String.join("\", \"", supported)
              + "\"");
    }
  }
}

package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Label and field selectors as the list and watch calls take them. */
public final class Selectors {

  private Selectors() {}

  /** {@code app=reviews,version!=v1,tier in (a,b),!canary,env}: every term must hold. */
  public static Predicate<JsonNode> labels(String selector) {
    if (selector == null || selector.isBlank()) {
      return o -> true;
    }
    List<Predicate<JsonNode>> terms = new ArrayList<>();
    for (String term : splitTerms(selector)) {
      terms.add(labelTerm(term.trim(), selector));
    }
    return o -> terms.stream().allMatch(t -> t.test(o.path("metadata").path("labels")));
  }

  /** Fields every kind can be selected by. */
  private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");

  /** The further fields the API server indexes for some kinds (kubectl describe uses events'). */
  private static final Map<String, Set<String>> BY_KIND =
      Map.of(
          "Pod",
          Set.of("spec.nodeName", "spec.serviceAccountName", "status.phase", "status.podIP"),
          "Event",
          Set.of(
              "involvedObject.kind",
              "involvedObject.namespace",
              "involvedObject.name",
              "involvedObject.uid",
              "involvedObject.apiVersion",
              "involvedObject.resourceVersion",
              "involvedObject.fieldPath",
              "reason",
              "reportingComponent",
              "source",
              "type"));

  /** metadata.name and metadata.namespace, and a kind's own fields, with =, == and !=. */
  public static Predicate<JsonNode> fields(String selector, String kind) {
    if (selector == null || selector.isBlank()) {
      return o -> true;
    }
    Set<String> known = BY_KIND.getOrDefault(kind, Set.of());
    List<Predicate<JsonNode>> terms = new ArrayList<>();
    for (String term : selector.split(",")) {
      String t = term.trim();
      boolean negated = t.contains("!=");
      String[] parts = t.split("!=|==|=", 2);
      if (parts.length != 2) {
        throw KubeException.badRequest("invalid field selector \"" + t + "\"");
      }
      String field = parts[0].trim();
      String value = parts[1].trim();
      if (!COMMON.contains(field) && !known.contains(field)) {
        throw KubeException.badRequest(
            "\""
                + field
                + "\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
                + (known.isEmpty()
                    ? ""
                    : ", \"" + String.join("\", \"", known.stream().sorted().toList()) + "\""));
      }
      String[] path =
          field.equals("source") ? new String[] {"source", "component"} : field.split("\\.");
      terms.add(
          o -> {
            JsonNode n = o;
            for (String p : path) {
              n = n.path(p);
            }
            return n.asText("").equals(value) != negated;
          });
    }
    return o -> terms.stream().allMatch(t -> t.test(o));
  }

  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : selector.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        terms.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    terms.add(current.toString());
    return terms;
  }

  private static Predicate<JsonNode> labelTerm(String term, String selector) {
    if (term.isEmpty()) {
      throw KubeException.badRequest(
          "unable to parse requirement: empty term in \"" + selector + "\"");
    }
    String[] setOp = term.split("\\s+(notin|in)\\s+", 2);
    if (setOp.length == 2) {
      boolean notIn = term.matches(".*\\s+notin\\s+.*");
      String key = setOp[0].trim();
      String list = setOp[1].trim();
      if (!list.startsWith("(") || !list.endsWith(")")) {
        throw KubeException.badRequest("unable to parse requirement: \"" + term + "\"");
      }
      Set<String> values =
          Arrays.stream(list.substring(1, list.length() - 1).split(","))
              .map(String::trim)
              .collect(Collectors.toSet());
      return l -> l.has(key) ? values.contains(l.get(key).asText()) != notIn : notIn;
    }
    if (term.contains("!=")) {
      String[] kv = term.split("!=", 2);
      String key = kv[0].trim();
      String value = kv[1].trim();
      return l -> !l.has(key) || !l.get(key).asText().equals(value);
    }
    if (term.contains("=")) {
      String[] kv = term.split("==|=", 2);
      String key = kv[0].trim();
      String value = kv[1].trim();
      return l -> l.has(key) && l.get(key).asText().equals(value);
    }
    if (term.startsWith("!")) {
      String key = term.substring(1).trim();
      return l -> !l.has(key);
    }
    if (!term.matches("[A-Za-z0-9._/-]+")) {
      throw KubeException.badRequest("unable to parse requirement: \"" + term + "\"");
    }
    return l -> l.has(term);
  }
}

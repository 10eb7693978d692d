package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * A few of the rules Istio's validating webhook (validation.istio.io) enforces beyond the schema,
 * the ones learners meet most: negative route weights, destinations and subsets that need their
 * names, Gateway servers that need a port and hosts.
 */
@ApplicationScoped
public class IstioRulesValidator implements ManifestValidator {

  @Override
  public List<Problem> validate(String group, String version, String kind, ObjectNode object) {
    List<Problem> problems = new ArrayList<>();
    if (!group.equals("networking.istio.io")) {
      return problems;
    }
    JsonNode spec = object.path("spec");
    switch (kind) {
      case "VirtualService" -> {
        for (String protocol : List.of("http", "tcp", "tls")) {
          JsonNode routes = spec.path(protocol);
          for (int i = 0; routes.isArray() && i < routes.size(); i++) {
            checkRoutes(
                routes.get(i).path("route"), "spec." + protocol + "[" + i + "].route", problems);
          }
        }
      }
      case "DestinationRule" -> {
        if (spec.path("host").asText("").isBlank()) {
          problems.add(denied("spec.host", "host must be set"));
        }
        JsonNode subsets = spec.path("subsets");
        for (int i = 0; subsets.isArray() && i < subsets.size(); i++) {
          if (subsets.get(i).path("name").asText("").isBlank()) {
            problems.add(denied("spec.subsets[" + i + "].name", "subset name is invalid: \"\""));
          }
        }
      }
      case "Gateway" -> {
        JsonNode servers = spec.path("servers");
        for (int i = 0; servers.isArray() && i < servers.size(); i++) {
          JsonNode server = servers.get(i);
          if (!server.path("port").path("number").canConvertToInt()) {
            problems.add(denied("spec.servers[" + i + "].port", "port is required"));
          }
          if (server.path("hosts").isEmpty()) {
            problems.add(
                denied(
                    "spec.servers[" + i + "].hosts",
                    "server config must contain at least one host"));
          }
        }
      }
      default -> {}
    }
    return problems;
  }

  private static void checkRoutes(JsonNode route, String path, List<Problem> problems) {
    if (!route.isArray() || route.isEmpty()) {
      return;
    }
    for (int i = 0; i < route.size(); i++) {
      JsonNode destination = route.get(i).path("destination");
      if (destination.path("host").asText("").isBlank()) {
        problems.add(denied(path + "[" + i + "].destination.host", "destination.host is required"));
      }
      JsonNode weight = route.get(i).path("weight");
      if (!weight.isMissingNode() && weight.asInt() < 0) {
        problems.add(denied(path + "[" + i + "].weight", "weight " + weight.asInt() + " < 0"));
      }
    }
  }

  private static Problem denied(String path, String message) {
    return new Problem(Rejection.DENIED, path, message);
  }
}

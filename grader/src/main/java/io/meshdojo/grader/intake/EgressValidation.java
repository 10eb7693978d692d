package io.meshdojo.grader.intake;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Istio's webhook refuses in ServiceEntries, mirrors and DestinationRule traffic policies,
 * with the webhook's own words (Istio 1.26, {@code pkg/config/validation}). Part of {@link
 * Validation}, the one pipeline.
 */
final class EgressValidation {

  private EgressValidation() {}

  static void serviceEntry(Resource r, List<Finding> out) {
    Map<?, ?> spec = map(r.raw().get("spec"));
    List<?> hosts = list(spec.get("hosts"));
    if (hosts.isEmpty()) {
      Validation.invalid(r, "spec.hosts", "service entry must have at least one host", out);
    }
    for (Object h : hosts) {
      if ("*".equals(h)) {
        Validation.invalid(r, "spec.hosts", "invalid host *", out);
      }
    }
    Object resolution = spec.get("resolution");
    boolean dns = "DNS".equals(resolution) || "DNS_ROUND_ROBIN".equals(resolution);
    if (dns
        && list(spec.get("endpoints")).isEmpty()
        && hosts.stream().anyMatch(h -> String.valueOf(h).startsWith("*"))) {
      Validation.invalid(
          r,
          "spec.hosts",
          "hosts must be FQDN if no endpoints are provided for resolution mode DNS",
          out);
    }
    if (spec.get("workloadSelector") != null && spec.get("endpoints") != null) {
      Validation.invalid(
          r, "spec", "only one of WorkloadSelector or Endpoints is allowed in Service Entry", out);
    }
    Set<Object> names = new HashSet<>();
    Set<Object> numbers = new HashSet<>();
    for (Object p : list(spec.get("ports"))) {
      Map<?, ?> port = map(p);
      if (port.get("name") != null && !names.add(port.get("name"))) {
        Validation.invalid(
            r,
            "spec.ports",
            "service entry port name \"" + port.get("name") + "\" already defined",
            out);
      }
      if (port.get("number") != null && !numbers.add(port.get("number"))) {
        Validation.invalid(
            r, "spec.ports", "service entry port " + port.get("number") + " already defined", out);
      }
    }
  }

  static void mirrors(Resource r, String at, HTTPRoute rule, List<Finding> out) {
    if (rule.getMirror() != null && rule.getMirrors() != null && !rule.getMirrors().isEmpty()) {
      Validation.invalid(r, at, "HTTP route cannot contain both mirror and mirrors", out);
    }
    if (rule.getMirrorPercentage() != null && rule.getMirrorPercentage().getValue() != null) {
      double value = rule.getMirrorPercentage().getValue();
      if (value > 100) {
        Validation.invalid(
            r,
            at + ".mirrorPercentage",
            String.format(
                Locale.ROOT, "mirror_percentage must have a max value of 100 (it has %f)", value),
            out);
      }
      if (value < 0) {
        Validation.invalid(
            r,
            at + ".mirrorPercentage",
            String.format(
                Locale.ROOT, "mirror_percentage must have a min value of 0 (it has %f)", value),
            out);
      }
    }
  }

  /** The top-level policy, each port-level policy and each subset's policy. */
  static void trafficPolicies(Resource r, List<Finding> out) {
    Map<?, ?> spec = map(r.raw().get("spec"));
    trafficPolicy(r, "spec.trafficPolicy", spec.get("trafficPolicy"), out);
    List<?> subsets = list(spec.get("subsets"));
    for (int i = 0; i < subsets.size(); i++) {
      trafficPolicy(
          r,
          "spec.subsets[" + i + "].trafficPolicy",
          map(subsets.get(i)).get("trafficPolicy"),
          out);
    }
  }

  private static void trafficPolicy(Resource r, String at, Object value, List<Finding> out) {
    if (value == null) {
      return;
    }
    Map<?, ?> policy = map(value);
    if (policy.isEmpty()) {
      Validation.invalid(r, at, "traffic policy must have at least one field", out);
      return;
    }
    groups(r, at, policy, out);
    List<?> ports = list(policy.get("portLevelSettings"));
    for (int i = 0; i < ports.size(); i++) {
      groups(r, at + ".portLevelSettings[" + i + "]", map(ports.get(i)), out);
    }
  }

  private static void groups(Resource r, String at, Map<?, ?> policy, List<Finding> out) {
    if (policy.get("connectionPool") != null) {
      Map<?, ?> pool = map(policy.get("connectionPool"));
      if (pool.get("http") == null && pool.get("tcp") == null) {
        Validation.invalid(
            r, at + ".connectionPool", "connection pool must have at least one field", out);
      }
      if (map(pool.get("http")).get("http1MaxPendingRequests") instanceof Number n
          && n.longValue() < 0) {
        Validation.invalid(
            r,
            at + ".connectionPool.http.http1MaxPendingRequests",
            "http1 max pending requests must be non-negative",
            out);
      }
    }
    Map<?, ?> outlier = map(policy.get("outlierDetection"));
    for (String field : List.of("maxEjectionPercent", "minHealthPercent")) {
      if (outlier.get(field) instanceof Number n && (n.longValue() < 0 || n.longValue() > 100)) {
        Validation.invalid(
            r,
            at + ".outlierDetection." + field,
            "percentage " + n + " is not in range 0..100",
            out);
      }
    }
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }
}

package io.meshdojo.grader.intake;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Durations;
import io.meshdojo.grader.model.Re2;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.aeraki.MetaRouterSpec;
import io.meshdojo.grader.model.slime.SmartLimiterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Istio's validating webhook (and Slime's controller) refuse in an otherwise well-typed
 * object. A resource with an error here is kept out of the mesh, as the webhook keeps it out of the
 * cluster.
 */
public final class Validation {

  private Validation() {}

  /** Findings for one resource; empty when it would be admitted. */
  public static List<Finding> validate(Resource r) {
    List<Finding> out = new ArrayList<>();
    switch (r.key().kind()) {
      case "VirtualService" -> {
        virtualService(r, out);
        routeDestinations(r, out);
        EdgeValidation.tlsRoutes(r, out);
      }
      case "DestinationRule" -> {
        destinationRule(r, out);
        EgressValidation.trafficPolicies(r, out);
      }
      case "ServiceEntry" -> EgressValidation.serviceEntry(r, out);
      case "Gateway" -> {
        gateway(r, out);
        EdgeValidation.gatewayServers(r, out);
      }
      case "RequestAuthentication" -> EdgeValidation.jwtRules(r, out);
      case "SmartLimiter" -> smartLimiter(r, out);
      case "MetaRouter" -> metaRouter(r, out);
      default -> {}
    }
    return out;
  }

  private static void virtualService(Resource r, List<Finding> out) {
    var spec = r.as(VirtualService.class).getSpec();
    if (spec == null
        || spec.getHosts() == null
        || spec.getHosts().isEmpty()
        || (empty(spec.getHttp()) && empty(spec.getTcp()) && empty(spec.getTls()))) {
      boolean delegate = spec != null && empty(spec.getHosts()) && !empty(spec.getHttp());
      if (!delegate) {
        out.add(Finding.of("MDJ0107", r.ref()));
      }
      if (spec == null || spec.getHttp() == null) {
        return;
      }
    }
    List<HTTPRoute> http = spec.getHttp() == null ? List.of() : spec.getHttp();
    for (int i = 0; i < http.size(); i++) {
      HTTPRoute rule = http.get(i);
      String name = ruleName(rule, i);
      String at = "spec.http[" + i + "]";
      List<String> actions = new ArrayList<>();
      if (!empty(rule.getRoute())) {
        actions.add("route");
      }
      if (rule.getRedirect() != null) {
        actions.add("redirect");
      }
      if (rule.getDirectResponse() != null) {
        actions.add("directResponse");
      }
      if (rule.getDelegate() != null) {
        actions.add("delegate");
      }
      if (actions.size() > 1) {
        out.add(
            Finding.of("MDJ0102", r.ref(), "rule", name, "actions", String.join(" + ", actions)));
      }
      List<HTTPRouteDestination> dests = rule.getRoute() == null ? List.of() : rule.getRoute();
      if (dests.size() > 1) {
        long sum = dests.stream().mapToLong(d -> d.getWeight() == null ? 0 : d.getWeight()).sum();
        if (sum == 0) {
          out.add(Finding.of("MDJ0101", r.ref(), "rule", name));
        }
      }
      for (HTTPRouteDestination d : dests) {
        if (d.getWeight() != null && d.getWeight() < 0) {
          out.add(
              Finding.of(
                  "MDJ0106",
                  r.ref(),
                  "field",
                  at + ".route.weight",
                  "reason",
                  "weight must not be negative"));
        }
      }
      duration(r, at + ".timeout", rule.getTimeout(), false, out);
      if (rule.getRetries() != null) {
        duration(r, at + ".retries.perTryTimeout", rule.getRetries().getPerTryTimeout(), true, out);
      }
      fault(r, at, rule.getFault(), out);
      EgressValidation.mirrors(r, at, rule, out);
      if (rule.getMatch() != null) {
        for (int m = 0; m < rule.getMatch().size(); m++) {
          match(r, at + ".match[" + m + "]", rule.getMatch().get(m), out);
        }
      }
    }
  }

  /**
   * Every route destination names its host, and no weight is negative, in http, tcp and tls rules
   * alike (Istio's webhook checks all three).
   */
  private static void routeDestinations(Resource r, List<Finding> out) {
    Map<?, ?> spec = map(r.raw(), "spec");
    for (String protocol : List.of("http", "tcp", "tls")) {
      List<?> rules = list(spec, protocol);
      for (int i = 0; i < rules.size(); i++) {
        List<?> routes = rules.get(i) instanceof Map<?, ?> rule ? list(rule, "route") : List.of();
        for (int j = 0; j < routes.size(); j++) {
          Map<?, ?> route = routes.get(j) instanceof Map<?, ?> m ? m : Map.of();
          String at = "spec." + protocol + "[" + i + "].route[" + j + "]";
          if (blank(map(route, "destination").get("host"))) {
            invalid(r, at + ".destination.host", "a destination needs its host", out);
          }
          if (!"http".equals(protocol)
              && route.get("weight") instanceof Number w
              && w.longValue() < 0) {
            invalid(r, at + ".weight", "weight must not be negative", out);
          }
        }
      }
    }
  }

  private static void destinationRule(Resource r, List<Finding> out) {
    Map<?, ?> spec = map(r.raw(), "spec");
    if (blank(spec.get("host"))) {
      invalid(r, "spec.host", "a DestinationRule needs its host", out);
    }
    List<?> subsets = list(spec, "subsets");
    for (int i = 0; i < subsets.size(); i++) {
      Map<?, ?> subset = subsets.get(i) instanceof Map<?, ?> m ? m : Map.of();
      if (blank(subset.get("name"))) {
        invalid(r, "spec.subsets[" + i + "].name", "a subset needs a name", out);
      }
    }
  }

  private static void gateway(Resource r, List<Finding> out) {
    List<?> servers = list(map(r.raw(), "spec"), "servers");
    for (int i = 0; i < servers.size(); i++) {
      Map<?, ?> server = servers.get(i) instanceof Map<?, ?> m ? m : Map.of();
      String at = "spec.servers[" + i + "]";
      if (!(map(server, "port").get("number") instanceof Number)) {
        invalid(r, at + ".port.number", "a server needs a port number", out);
      }
      if (list(server, "hosts").isEmpty()) {
        invalid(r, at + ".hosts", "a server needs at least one host", out);
      }
    }
  }

  static void invalid(Resource r, String field, String reason, List<Finding> out) {
    out.add(Finding.of("MDJ0106", r.ref(), "field", field, "reason", reason));
  }

  private static Map<?, ?> map(Map<?, ?> parent, String key) {
    return parent != null && parent.get(key) instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(Map<?, ?> parent, String key) {
    return parent != null && parent.get(key) instanceof List<?> l ? l : List.of();
  }

  private static boolean blank(Object value) {
    return !(value instanceof String s) || s.isBlank();
  }

  private static void fault(Resource r, String at, HTTPFaultInjection fault, List<Finding> out) {
    if (fault == null) {
      return;
    }
    if (fault.getDelay() == null && fault.getAbort() == null) {
      out.add(
          Finding.of(
              "MDJ0106",
              r.ref(),
              "field",
              at + ".fault",
              "reason",
              "a fault needs a delay or an abort"));
      return;
    }
    if (fault.getDelay() != null) {
      percentage(r, at + ".fault.delay.percentage", fault.getDelay().getPercentage(), out);
      if (fault.getDelay().getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay fixed) {
        duration(r, at + ".fault.delay.fixedDelay", fixed.getFixedDelay(), true, out);
      } else if (fault.getDelay().getHttpDelayType() == null) {
        out.add(
            Finding.of(
                "MDJ0106",
                r.ref(),
                "field",
                at + ".fault.delay",
                "reason",
                "a delay needs fixedDelay"));
      }
    }
    if (fault.getAbort() != null) {
      percentage(r, at + ".fault.abort.percentage", fault.getAbort().getPercentage(), out);
      if (fault.getAbort().getErrorType()
              instanceof
              io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus s
          && (s.getHttpStatus() == null || s.getHttpStatus() < 200 || s.getHttpStatus() > 599)) {
        out.add(
            Finding.of(
                "MDJ0106",
                r.ref(),
                "field",
                at + ".fault.abort.httpStatus",
                "reason",
                "must be between 200 and 599"));
      }
    }
  }

  private static void percentage(Resource r, String field, Percent p, List<Finding> out) {
    if (p != null && p.getValue() != null && (p.getValue() < 0 || p.getValue() > 100)) {
      out.add(
          Finding.of("MDJ0106", r.ref(), "field", field, "reason", "must be between 0 and 100"));
    }
  }

  private static void match(Resource r, String at, HTTPMatchRequest m, List<Finding> out) {
    regex(r, at + ".uri", m.getUri(), out);
    regex(r, at + ".method", m.getMethod(), out);
    regex(r, at + ".authority", m.getAuthority(), out);
    regex(r, at + ".scheme", m.getScheme(), out);
    for (var group :
        List.of(
            Map.entry("headers", nullSafe(m.getHeaders())),
            Map.entry("queryParams", nullSafe(m.getQueryParams())),
            Map.entry("withoutHeaders", nullSafe(m.getWithoutHeaders())))) {
      for (Map.Entry<String, StringMatch> e : group.getValue().entrySet()) {
        regex(r, at + "." + group.getKey() + "." + e.getKey(), e.getValue(), out);
      }
    }
  }

  private static Map<String, StringMatch> nullSafe(Map<String, StringMatch> m) {
    return m == null ? Map.of() : m;
  }

  private static void regex(Resource r, String field, StringMatch sm, List<Finding> out) {
    if (sm != null && sm.getMatchType() instanceof StringMatchRegex rx) {
      regexText(r, field + ".regex", rx.getRegex(), out);
    }
  }

  private static void regexText(Resource r, String field, String regex, List<Finding> out) {
    if (regex == null) {
      return;
    }
    Re2.problem(regex)
        .ifPresent(
            p ->
                out.add(
                    Finding.of("MDJ0104", r.ref(), "field", field, "value", regex, "reason", p)));
  }

  private static void duration(
      Resource r, String field, String value, boolean atLeastOneMs, List<Finding> out) {
    if (value == null) {
      return;
    }
    var ms = Durations.millis(value);
    if (ms.isEmpty() || (atLeastOneMs && ms.getAsLong() < 1)) {
      out.add(Finding.of("MDJ0103", r.ref(), "field", field, "value", value));
    }
  }

  private static void smartLimiter(Resource r, List<Finding> out) {
    SmartLimiterSpec spec = (SmartLimiterSpec) r.as(CustomResource.class).spec();
    if (spec == null || spec.sets() == null || spec.sets().isEmpty()) {
      out.add(
          Finding.of(
              "MDJ0106",
              r.ref(),
              "field",
              "spec.sets",
              "reason",
              "a SmartLimiter needs at least one set with a descriptor"));
      return;
    }
    for (var set : spec.sets().entrySet()) {
      List<SmartLimiterSpec.Descriptor> ds =
          set.getValue() == null || set.getValue().descriptor() == null
              ? List.of()
              : set.getValue().descriptor();
      for (int i = 0; i < ds.size(); i++) {
        SmartLimiterSpec.Descriptor d = ds.get(i);
        String at = "spec.sets." + set.getKey() + ".descriptor[" + i + "]";
        if (d.condition() == null || d.condition().isBlank()) {
          out.add(Finding.of("MDJ0105", r.ref(), "set", set.getKey(), "descriptor", "" + i));
        }
        if (d.action() == null) {
          out.add(Finding.of("MDJ0106", r.ref(), "field", at + ".action", "reason", "required"));
        }
        if (d.target() == null) {
          out.add(Finding.of("MDJ0106", r.ref(), "field", at + ".target", "reason", "required"));
        }
        if (d.match() != null) {
          for (int m = 0; m < d.match().size(); m++) {
            regexText(r, at + ".match[" + m + "].regex_match", d.match().get(m).regexMatch(), out);
          }
        }
      }
    }
  }

  private static void metaRouter(Resource r, List<Finding> out) {
    MetaRouterSpec spec = (MetaRouterSpec) r.as(CustomResource.class).spec();
    if (spec == null || spec.hosts() == null || spec.hosts().isEmpty()) {
      out.add(
          Finding.of(
              "MDJ0106", r.ref(), "field", "spec.hosts", "reason", "a MetaRouter needs a host"));
      return;
    }
    // Aeraki 1.4's own validating webhook (validation.aeraki.io, failurePolicy Fail); the reasons
    // are its wording.
    if (spec.hosts().size() > 1) {
      invalid(r, "spec.hosts", "meta router can only have one host", out);
    }
    localRateLimitBuckets(r, spec.localRateLimit(), out);
    if (spec.routes() == null) {
      return;
    }
    for (int i = 0; i < spec.routes().size(); i++) {
      MetaRouterSpec.Route route = spec.routes().get(i);
      String at = "spec.routes[" + i + "]";
      List<MetaRouterSpec.WeightedDestination> dests =
          route.route() == null ? List.of() : route.route();
      long total = dests.stream().mapToLong(d -> d.weight() == null ? 0 : d.weight()).sum();
      if (dests.size() > 1 && total != 100) {
        invalid(r, at + ".route", "total destination weight " + total + " != 100", out);
      }
      mirrorPercentage(r, at, route, out);
      if (route.match() != null && route.match().attributes() != null) {
        for (var e : route.match().attributes().entrySet()) {
          if (e.getValue() != null) {
            regexText(
                r,
                "spec.routes[" + i + "].match.attributes." + e.getKey() + ".regex",
                e.getValue().regex(),
                out);
          }
        }
      }
    }
  }

  private static void mirrorPercentage(
      Resource r, String at, MetaRouterSpec.Route route, List<Finding> out) {
    if (route.mirrorPercentage() == null) {
      return;
    }
    if (route.mirror() == null) {
      invalid(r, at + ".mirrorPercentage", "mirrorPercentage and mirror must be set together", out);
    }
    double value = route.mirrorPercentage().get("value") instanceof Number n ? n.doubleValue() : 0;
    if (value <= 0 || value > 100) {
      invalid(
          r,
          at + ".mirrorPercentage",
          "mirrorPercentage must be greater than 0 and at most 100 (it has " + value + ")",
          out);
    }
  }

  /** Every token bucket (the default one and each condition's) needs tokensPerFill ≥ 1. */
  private static void localRateLimitBuckets(
      Resource r, Map<String, Object> limit, List<Finding> out) {
    if (limit == null) {
      return;
    }
    List<Map.Entry<String, Map<?, ?>>> buckets = new ArrayList<>();
    if (limit.get("tokenBucket") instanceof Map<?, ?> b) {
      buckets.add(Map.entry("spec.localRateLimit.tokenBucket", b));
    }
    List<?> conditions = list(limit, "conditions");
    for (int i = 0; i < conditions.size(); i++) {
      if (conditions.get(i) instanceof Map<?, ?> c && c.get("tokenBucket") instanceof Map<?, ?> b) {
        buckets.add(Map.entry("spec.localRateLimit.conditions[" + i + "].tokenBucket", b));
      }
    }
    for (var bucket : buckets) {
      Object perFill = bucket.getValue().get("tokensPerFill");
      if (perFill == null) {
        invalid(
            r,
            bucket.getKey() + ".tokensPerFill",
            "localRateLimit tokenBucket tokensPerfFill cannot be null",
            out);
      } else if (!(perFill instanceof Number n) || n.longValue() < 1) {
        invalid(
            r,
            bucket.getKey() + ".tokensPerFill",
            "localRateLimit tokenBucket tokensPerfFill must be greater than 0",
            out);
      }
    }
  }

  static String ruleName(HTTPRoute rule, int index) {
    return rule.getName() != null ? "'" + rule.getName() + "'" : "#" + (index + 1);
  }

  private static boolean empty(List<?> list) {
    return list == null || list.isEmpty();
  }
}

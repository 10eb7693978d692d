package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.SlimeExpressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * Slime 0.9's limiter module. A SmartLimiter is named after its Service; for each set ({@code
 * _base}: the Service's pods; otherwise a DestinationRule subset) it counts the pods, evaluates
 * each descriptor's quota with them, writes {@code status.metricStatus} ({@code "<set>.pod": "3"})
 * and {@code status.ratelimitStatus} (the descriptors in force, quotas evaluated), and renders the
 * EnvoyFilter {@code <name>.<ns>.ratelimit} it owns. It runs again when the Service's pods come and
 * go, so an {@code average} quota follows the pod count. Metrics other than the pod count need
 * Prometheus, which the embedded sandbox does not have: a descriptor that needs one is not in force
 * and the status says why. A quota or condition Slime could not evaluate renders no EnvoyFilter.
 */
@ApplicationScoped
public class SmartLimiterController implements Controller {

  private static final String BASE = "_base";

  @Override
  public boolean watches(Change change) {
    return (change.is("microservice.slime.io", "SmartLimiter") && !change.deleted())
        || (change.is("", "Pod") && !change.event().equals("MODIFIED"));
  }

  @Override
  public void reconcile(Cluster cluster, Change change) {
    if (change.is("", "Pod")) {
      // Only a limiter whose Service selects the pod has a new count to render.
      for (ObjectNode limiter :
          cluster.list(Cluster.SMARTLIMITERS, change.namespace(), o -> true)) {
        ObjectNode service =
            cluster.find(Cluster.SERVICES, change.namespace(), name(limiter)).orElse(null);
        if (service != null && selects(service.path("spec").path("selector"), change.object())) {
          render(cluster, limiter);
        }
      }
      return;
    }
    cluster
        .find(Cluster.SMARTLIMITERS, change.namespace(), change.name())
        .ifPresent(l -> render(cluster, l));
  }

  private void render(Cluster cluster, ObjectNode limiter) {
    String ns = limiter.path("metadata").path("namespace").asText();
    String name = name(limiter);
    String filterName = name + "." + ns + ".ratelimit";
    ObjectNode status = Cluster.JSON.objectNode();
    ObjectNode metrics = status.putObject("metricStatus");
    ObjectNode inForce = status.putObject("ratelimitStatus");
    List<String> problems = new ArrayList<>();
    ObjectNode service = cluster.find(Cluster.SERVICES, ns, name).orElse(null);
    JsonNode selector = service == null ? null : service.path("spec").path("selector");
    List<ObjectNode> descriptors = new ArrayList<>();
    if (selector == null || !selector.isObject() || selector.isEmpty()) {
      problems.add(
          "no Service "
              + ns
              + "/"
              + name
              + " with a selector: Slime finds the service by the SmartLimiter's name and namespace");
    } else {
      limiter
          .path("spec")
          .path("sets")
          .fields()
          .forEachRemaining(
              set -> {
                int pods =
                    pods(
                        cluster,
                        ns,
                        selector,
                        subsetLabels(cluster, ns, name, set.getKey(), problems));
                metrics.put(set.getKey() + ".pod", String.valueOf(pods));
                ArrayNode kept = Cluster.JSON.arrayNode();
                int i = 0;
                for (JsonNode d : set.getValue().path("descriptor")) {
                  ObjectNode rendered = descriptor(set.getKey(), i++, d, pods, problems);
                  if (rendered != null) {
                    kept.add(rendered);
                    descriptors.add(rendered);
                  }
                }
                if (!kept.isEmpty()) {
                  ((ObjectNode) inForce.putObject(set.getKey())).set("descriptor", kept);
                }
              });
    }
    boolean invalid = problems.stream().anyMatch(p -> p.startsWith("invalid"));
    if (!problems.isEmpty()) {
      status.put("message", String.join("; ", problems));
    }
    cluster.writeStatus(Cluster.SMARTLIMITERS, ns, name, status);
    if (invalid || descriptors.isEmpty() || selector == null) {
      cluster.delete(Cluster.ENVOYFILTERS, ns, filterName);
      return;
    }
    ObjectNode filter = envoyFilter(limiter, filterName, selector, descriptors);
    ObjectNode existing = cluster.find(Cluster.ENVOYFILTERS, ns, filterName).orElse(null);
    if (existing == null) {
      cluster.create(Cluster.ENVOYFILTERS, ns, filter);
    } else if (!existing.path("spec").equals(filter.path("spec"))) {
      cluster.replaceSpec(Cluster.ENVOYFILTERS, ns, filterName, filter.path("spec"));
    }
  }

  /** The descriptor as Slime reports it in force (quota evaluated, no condition), or null. */
  private static ObjectNode descriptor(
      String set, int index, JsonNode d, int pods, List<String> problems) {
    String where = "sets." + set + ".descriptor[" + index + "]";
    String quotaText = d.path("action").path("quota").asText("");
    String condition = d.path("condition").asText("");
    if (d.path("action").isMissingNode()
        || d.path("target").isMissingNode()
        || condition.isEmpty()) {
      problems.add("invalid " + where + ": action, condition and target are required");
      return null;
    }
    if (!SlimeExpressions.validCondition(condition)) {
      problems.add(
          "invalid "
              + where
              + ".condition \""
              + condition
              + "\": not an expression Slime can evaluate");
      return null;
    }
    OptionalLong quota = SlimeExpressions.quota(quotaText, pods);
    if (quota.isEmpty()) {
      if (quotaText.contains("{{")) {
        problems.add(
            where
                + ".action.quota \""
                + quotaText
                + "\" needs a metric other than the pod count: Prometheus is not simulated, so it is not in force");
      } else {
        problems.add(
            "invalid "
                + where
                + ".action.quota \""
                + quotaText
                + "\": not a number or a template Slime can evaluate");
      }
      return null;
    }
    if (!condition.trim().equals("true")) {
      if (!condition.trim().equals("false")) {
        problems.add(
            where
                + ".condition \""
                + condition
                + "\" needs metrics: Prometheus is not simulated, so it is not in force");
      }
      return null;
    }
    ObjectNode out = Cluster.JSON.objectNode();
    ObjectNode action = ((ObjectNode) d.path("action")).deepCopy();
    action.put("quota", String.valueOf(quota.getAsLong()));
    out.set("action", action);
    if (d.has("match")) {
      out.set("match", d.path("match").deepCopy());
    }
    out.set("target", d.path("target").deepCopy());
    return out;
  }

  private static ObjectNode envoyFilter(
      ObjectNode limiter, String name, JsonNode selector, List<ObjectNode> descriptors) {
    String ns = limiter.path("metadata").path("namespace").asText();
    String service = name(limiter) + "." + ns;
    ObjectNode ef = Cluster.JSON.objectNode();
    ef.put("apiVersion", "networking.istio.io/v1alpha3");
    ef.put("kind", "EnvoyFilter");
    ObjectNode meta = ef.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", ns);
    Owners.setController(ef, limiter);
    ObjectNode spec = ef.putObject("spec");
    spec.putObject("workloadSelector").set("labels", selector.deepCopy());
    ArrayNode patches = spec.putArray("configPatches");
    boolean global = false;
    boolean local = false;
    for (ObjectNode d : descriptors) {
      JsonNode target = d.path("target");
      boolean outbound = target.path("direction").asText("inbound").equals("outbound");
      String key = "Service[" + service + "]-User[none]-Id[" + id(d) + "]";
      boolean isGlobal = d.path("action").path("strategy").asText("single").equals("global");
      global |= isGlobal;
      local |= !isGlobal;
      for (ObjectNode route : routes(outbound, target)) {
        ObjectNode rateLimits = patches.addObject();
        rateLimits.put("applyTo", "HTTP_ROUTE");
        rateLimits.set("match", route.deepCopy());
        ObjectNode patch = rateLimits.putObject("patch");
        patch.put("operation", "MERGE");
        patch
            .putObject("value")
            .putObject("route")
            .putArray("rate_limits")
            .addObject()
            .putArray("actions")
            .addObject()
            .putObject("generic_key")
            .put("descriptor_value", key);
        if (!isGlobal) {
          ObjectNode bucket = patches.addObject();
          bucket.put("applyTo", "HTTP_ROUTE");
          bucket.set("match", route.deepCopy());
          ObjectNode bp = bucket.putObject("patch");
          bp.put("operation", "MERGE");
          ObjectNode typed =
              bp.putObject("value")
                  .putObject("typed_per_filter_config")
                  .putObject("envoy.filters.http.local_ratelimit");
          typed.put("@type", "type.googleapis.com/udpa.type.v1.TypedStruct");
          typed.put(
              "type_url",
              "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit");
          ObjectNode value = typed.putObject("value");
          value.put("stat_prefix", "http_local_rate_limiter");
          ObjectNode descriptor = value.putArray("descriptors").addObject();
          descriptor.putArray("entries").addObject().put("key", "generic_key").put("value", key);
          long tokens = Long.parseLong(d.path("action").path("quota").asText());
          ObjectNode tb = descriptor.putObject("token_bucket");
          tb.put("max_tokens", tokens);
          tb.putObject("tokens_per_fill").put("value", tokens);
          tb.set("fill_interval", d.path("action").path("fill_interval").deepCopy());
          enabled(value, "filter_enabled", "local_rate_limit_enabled");
          enabled(value, "filter_enforced", "local_rate_limit_enforced");
          // The filter's own bucket is wide open: only the per-route descriptors limit.
          ObjectNode open = value.putObject("token_bucket");
          open.put("max_tokens", 100000);
          open.putObject("tokens_per_fill").put("value", 100000);
          open.putObject("fill_interval").put("seconds", 1);
        }
      }
    }
    boolean outboundOnly =
        descriptors.stream()
            .allMatch(d -> d.path("target").path("direction").asText("inbound").equals("outbound"));
    if (local) {
      patches.add(httpFilter(outboundOnly, localFilter()));
    }
    if (global) {
      patches.add(httpFilter(outboundOnly, globalFilter()));
    }
    return ef;
  }

  /**
   * The route matches a descriptor's target names: the inbound vhost of its port, or its routes.
   */
  private static List<ObjectNode> routes(boolean outbound, JsonNode target) {
    List<ObjectNode> out = new ArrayList<>();
    if (!outbound) {
      ObjectNode m = Cluster.JSON.objectNode();
      ObjectNode vhost = m.putObject("routeConfiguration").putObject("vhost");
      vhost.put("name", "inbound|http|" + target.path("port").asInt());
      vhost.putObject("route").put("name", "default");
      out.add(m);
      return out;
    }
    for (JsonNode r : target.path("route")) {
      String text = r.asText();
      int slash = text.lastIndexOf('/');
      ObjectNode m = Cluster.JSON.objectNode();
      m.put("context", "SIDECAR_OUTBOUND");
      ObjectNode vhost = m.putObject("routeConfiguration").putObject("vhost");
      vhost.put("name", slash > 0 ? text.substring(0, slash) : text);
      vhost.putObject("route").put("name", slash > 0 ? text.substring(slash + 1) : "default");
      out.add(m);
    }
    return out;
  }

  private static ObjectNode httpFilter(boolean outbound, ObjectNode filter) {
    ObjectNode p = Cluster.JSON.objectNode();
    p.put("applyTo", "HTTP_FILTER");
    ObjectNode match = p.putObject("match");
    match.put("context", outbound ? "SIDECAR_OUTBOUND" : "SIDECAR_INBOUND");
    ObjectNode f = match.putObject("listener").putObject("filterChain").putObject("filter");
    f.put("name", "envoy.filters.network.http_connection_manager");
    f.putObject("subFilter").put("name", "envoy.filters.http.router");
    ObjectNode patch = p.putObject("patch");
    patch.put("operation", "INSERT_BEFORE");
    patch.set("value", filter);
    return p;
  }

  private static ObjectNode localFilter() {
    ObjectNode f = Cluster.JSON.objectNode();
    f.put("name", "envoy.filters.http.local_ratelimit");
    ObjectNode typed = f.putObject("typed_config");
    typed.put(
        "@type",
        "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit");
    typed.put("stat_prefix", "http_local_rate_limiter");
    return f;
  }

  private static ObjectNode globalFilter() {
    ObjectNode f = Cluster.JSON.objectNode();
    f.put("name", "envoy.filters.http.ratelimit");
    ObjectNode typed = f.putObject("typed_config");
    typed.put("@type", "type.googleapis.com/udpa.type.v1.TypedStruct");
    typed.put(
        "type_url", "type.googleapis.com/envoy.extensions.filters.http.ratelimit.v3.RateLimit");
    ObjectNode value = typed.putObject("value");
    value.put("domain", "slime");
    ObjectNode rls = value.putObject("rate_limit_service");
    rls.putObject("grpc_service")
        .putObject("envoy_grpc")
        .put("cluster_name", "outbound|18081||rate-limit.istio-system.svc.cluster.local");
    rls.put("transport_api_version", "V3");
    return f;
  }

  private static void enabled(ObjectNode value, String field, String runtimeKey) {
    ObjectNode e = value.putObject(field);
    e.putObject("default_value").put("numerator", 100);
    e.put("runtime_key", runtimeKey);
  }

  /** A stable id of a descriptor, as Slime names its generic key. */
  private static long id(JsonNode descriptor) {
    CRC32 crc = new CRC32();
    crc.update(descriptor.toString().getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  /** The labels a set adds to the Service's selector: none for _base, else the subset's. */
  private static JsonNode subsetLabels(
      Cluster cluster, String ns, String service, String set, List<String> problems) {
    if (set.equals(BASE)) {
      return Cluster.JSON.objectNode();
    }
    for (ObjectNode dr : cluster.list(Cluster.DESTINATIONRULES, ns, o -> true)) {
      String host = dr.path("spec").path("host").asText();
      if (host.equals(service) || host.startsWith(service + "." + ns + ".")) {
        for (JsonNode subset : dr.path("spec").path("subsets")) {
          if (subset.path("name").asText().equals(set)) {
            return subset.path("labels");
          }
        }
      }
    }
    problems.add(
        "set \""
            + set
            + "\" names no subset of a DestinationRule for "
            + service
            + ": it has no pods");
    return null;
  }

  private static int pods(Cluster cluster, String ns, JsonNode selector, JsonNode subset) {
    if (subset == null) {
      return 0;
    }
    return cluster.list(Cluster.PODS, ns, p -> selects(selector, p) && selects(subset, p)).size();
  }

  private static boolean selects(JsonNode selector, JsonNode pod) {
    JsonNode labels = pod.path("metadata").path("labels");
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
      if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }
}

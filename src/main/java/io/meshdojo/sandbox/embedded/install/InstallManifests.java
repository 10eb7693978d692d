package io.meshdojo.sandbox.embedded.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.Manifests;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects an install of one revision consists of, named and labelled as Istio's charts name
 * them: istiod's ServiceAccount, Service and Deployment ({@code istiod} or {@code istiod-<rev>}),
 * the mesh config ({@code istio} or {@code istio-<rev>}), the injection webhook ({@code
 * istio-sidecar-injector[-<rev>]}), each enabled gateway (ServiceAccount, Service, Deployment), and
 * the IstioOperator record ({@code installed-state[-<rev>]}). Only what the sandbox models is
 * written: no RBAC, no CRDs, no certificates.
 */
public final class InstallManifests {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String HUB = "docker.io/istio";

  private InstallManifests() {}

  /** {@code -<rev>} for a revision, "" for the default one. */
  public static String suffix(String revision) {
    return revision.isEmpty() || revision.equals("default") ? "" : "-" + revision;
  }

  /** The label value of a revision: "default" for the unrevisioned install. */
  static String revLabel(String revision) {
    return revision.isEmpty() ? "default" : revision;
  }

  public static List<ObjectNode> render(OperatorSpec spec, String version) {
    String rev = spec.revision();
    String suffix = suffix(rev);
    List<ObjectNode> out = new ArrayList<>();
    out.add(serviceAccount("istiod" + suffix, "istiod", rev));
    out.add(istiodService(rev));
    out.add(istiod(spec, version));
    out.add(meshConfigMap(spec));
    out.add(injectorWebhook("istio-sidecar-injector" + suffix, rev, null));
    for (String kind : List.of("ingressGateways", "egressGateways")) {
      for (OperatorSpec.Gateway g : spec.gateways(kind)) {
        if (g.enabled()) {
          out.add(serviceAccount(g.name() + "-service-account", g.name(), rev));
          out.add(gatewayService(g, rev));
          out.add(gatewayDeployment(g, rev, version));
        }
      }
    }
    ObjectNode record = object("install.istio.io/v1alpha1", "IstioOperator");
    metadata(record, "installed-state" + suffix, ControlPlane.SYSTEM, "istio-operator", rev);
    record.set("spec", spec.spec());
    out.add(record);
    return out;
  }

  /**
   * The injection webhook of a revision, or of a tag pointing at it. Its two webhooks select as
   * Istio's do: namespaces labelled {@code istio.io/rev=<name>} (and, for the default revision or
   * tag, {@code istio-injection=enabled}), or pods labelled so in unlabelled namespaces.
   */
  public static ObjectNode injectorWebhook(String name, String revision, String tag) {
    ObjectNode hook = object("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration");
    ObjectNode meta = metadata(hook, name, null, "sidecar-injector", revision);
    if (tag != null) {
      ((ObjectNode) meta.get("labels")).put(ControlPlane.TAG, tag);
    }
    String selects = tag != null ? tag : revLabel(revision);
    ArrayNode hooks = hook.putArray("webhooks");
    hooks.add(webhook("rev.namespace.sidecar-injector.istio.io", revision, namespaceRule(selects)));
    hooks.add(webhook("rev.object.sidecar-injector.istio.io", revision, objectRule(selects)));
    return hook;
  }

  private static ObjectNode webhook(String name, String revision, ObjectNode selectors) {
    ObjectNode w = JSON.objectNode();
    w.put("name", name);
    ObjectNode service = w.putObject("clientConfig").putObject("service");
    service.put("name", "istiod" + suffix(revision));
    service.put("namespace", ControlPlane.SYSTEM);
    service.put("path", "/inject");
    service.put("port", 443);
    ObjectNode rule = w.putArray("rules").addObject();
    rule.putArray("apiGroups").add("");
    rule.putArray("apiVersions").add("v1");
    rule.putArray("operations").add("CREATE");
    rule.putArray("resources").add("pods");
    w.put("failurePolicy", "Fail");
    w.put("sideEffects", "None");
    w.putArray("admissionReviewVersions").add("v1");
    w.setAll(selectors);
    return w;
  }

  /**
   * Namespaces labelled {@code istio.io/rev=<selects>}, or (by pod) pods labelled so in namespaces
   * with neither injection label; a pod labelled {@code sidecar.istio.io/inject=false} never.
   */
  private static ObjectNode namespaceRule(String selects) {
    return rule(selects, true);
  }

  private static ObjectNode objectRule(String selects) {
    return rule(selects, false);
  }

  private static ObjectNode rule(String selects, boolean byNamespace) {
    ObjectNode s = JSON.objectNode();
    ArrayNode ns = s.putObject("namespaceSelector").putArray("matchExpressions");
    expression(
        ns, ControlPlane.REV, byNamespace ? "In" : "DoesNotExist", byNamespace ? selects : null);
    expression(ns, "istio-injection", "DoesNotExist", null);
    ArrayNode pod = s.putObject("objectSelector").putArray("matchExpressions");
    expression(pod, "sidecar.istio.io/inject", "NotIn", "false");
    if (!byNamespace) {
      expression(pod, ControlPlane.REV, "In", selects);
    }
    return s;
  }

  private static void expression(ArrayNode into, String key, String operator, String value) {
    ObjectNode e = into.addObject();
    e.put("key", key);
    e.put("operator", operator);
    if (value != null) {
      e.putArray("values").add(value);
    }
  }

  private static ObjectNode istiodService(String rev) {
    ObjectNode svc = object("v1", "Service");
    metadata(svc, "istiod" + suffix(rev), ControlPlane.SYSTEM, "istiod", rev);
    ObjectNode spec = svc.putObject("spec");
    spec.put("type", "ClusterIP");
    ObjectNode selector = spec.putObject("selector");
    selector.put("app", "istiod");
    if (rev.isEmpty()) {
      selector.put("istio", "pilot");
    } else {
      selector.put(ControlPlane.REV, rev);
    }
    ArrayNode ports = spec.putArray("ports");
    port(ports, "grpc-xds", 15010, 15010);
    port(ports, "https-dns", 15012, 15012);
    port(ports, "https-webhook", 443, 15017);
    port(ports, "http-monitoring", 15014, 15014);
    return svc;
  }

  private static ObjectNode istiod(OperatorSpec spec, String version) {
    String rev = spec.revision();
    ObjectNode d = object("apps/v1", "Deployment");
    ObjectNode meta = metadata(d, "istiod" + suffix(rev), ControlPlane.SYSTEM, "istiod", rev);
    ((ObjectNode) meta.get("labels")).put("istio", "pilot");
    ObjectNode labels = podLabels(rev, "istiod");
    if (rev.isEmpty()) {
      labels.put("istio", "pilot");
    }
    ObjectNode container =
        deployment(d, 1, labels, "istiod" + suffix(rev), "discovery", HUB + "/pilot:" + version);
    if (!rev.isEmpty()) {
      // istiod's pods are never injected (Istio's chart labels them so): a revisioned istiod's
      // pods carry istio.io/rev, which would otherwise match the object selector of its webhook.
      ((ObjectNode) d.at("/spec/template/metadata/labels")).put("sidecar.istio.io/inject", "false");
    }
    if (rev.isEmpty()) {
      // The selector the default install has always had (a Deployment's selector is immutable).
      ((ObjectNode) d.at("/spec/selector")).putObject("matchLabels").put("istio", "pilot");
    }
    ArrayNode env = container.putArray("env");
    env.addObject().put("name", "REVISION").put("value", revLabel(rev));
    JsonNode sampling = spec.traceSampling();
    if (sampling != null) {
      env.addObject().put("name", "PILOT_TRACE_SAMPLING").put("value", sampling.asText());
    }
    ArrayNode ports = container.putArray("ports");
    for (int p : new int[] {8080, 15010, 15017}) {
      ports.addObject().put("containerPort", p).put("protocol", "TCP");
    }
    return d;
  }

  private static ObjectNode meshConfigMap(OperatorSpec spec) {
    String rev = spec.revision();
    ObjectNode mesh = JSON.objectNode();
    mesh.putObject("defaultConfig")
        .put("discoveryAddress", "istiod" + suffix(rev) + "." + ControlPlane.SYSTEM + ".svc:15012");
    mesh.putObject("defaultProviders").putArray("metrics").add("prometheus");
    mesh.put("enablePrometheusMerge", true);
    mesh.put("rootNamespace", ControlPlane.SYSTEM);
    mesh.put("trustDomain", "cluster.local");
    ObjectNode given = spec.meshConfig();
    if (given.path("defaultConfig") instanceof ObjectNode dc) {
      ((ObjectNode) mesh.get("defaultConfig")).setAll(dc);
      given.remove("defaultConfig");
    }
    mesh.setAll(given);
    ObjectNode cm = object("v1", "ConfigMap");
    metadata(cm, "istio" + suffix(rev), ControlPlane.SYSTEM, "istiod", rev);
    ObjectNode data = cm.putObject("data");
    data.put("mesh", Manifests.toYaml(mesh).stripTrailing());
    data.put("meshNetworks", "networks: {}");
    return cm;
  }

  private static ObjectNode gatewayService(OperatorSpec.Gateway g, String rev) {
    ObjectNode svc = object("v1", "Service");
    ObjectNode meta = metadata(svc, g.name(), ControlPlane.SYSTEM, g.name(), rev);
    ((ObjectNode) meta.get("labels")).put("istio", istioLabel(g));
    ObjectNode spec = svc.putObject("spec");
    spec.put("type", g.ingress() ? "LoadBalancer" : "ClusterIP");
    spec.putObject("selector").put("app", g.name()).put("istio", istioLabel(g));
    ArrayNode ports = spec.putArray("ports");
    if (g.ingress()) {
      port(ports, "status-port", 15021, 15021);
    }
    port(ports, "http2", 80, 8080);
    port(ports, "https", 443, 8443);
    return svc;
  }

  private static ObjectNode gatewayDeployment(OperatorSpec.Gateway g, String rev, String version) {
    ObjectNode d = object("apps/v1", "Deployment");
    ObjectNode meta = metadata(d, g.name(), ControlPlane.SYSTEM, g.name(), rev);
    ((ObjectNode) meta.get("labels")).put("istio", istioLabel(g));
    ObjectNode labels = JSON.objectNode().put("app", g.name()).put("istio", istioLabel(g));
    ObjectNode container =
        deployment(
            d,
            g.replicas(),
            labels,
            g.name() + "-service-account",
            "istio-proxy",
            HUB + "/proxyv2:" + version);
    // The pods carry the revision too, so a gateway follows its control plane.
    ((ObjectNode) d.at("/spec/template/metadata/labels")).put(ControlPlane.REV, revLabel(rev));
    container.putArray("args").add("proxy").add("router");
    ArrayNode ports = container.putArray("ports");
    for (int p : g.ingress() ? new int[] {15021, 8080, 8443} : new int[] {8080, 8443}) {
      ports.addObject().put("containerPort", p).put("protocol", "TCP");
    }
    return d;
  }

  private static String istioLabel(OperatorSpec.Gateway g) {
    return g.ingress() ? "ingressgateway" : "egressgateway";
  }

  /** Fills a Deployment's spec; returns its one container for the caller to finish. */
  static ObjectNode deployment(
      ObjectNode d,
      int replicas,
      ObjectNode selector,
      String serviceAccount,
      String container,
      String image) {
    ObjectNode spec = d.putObject("spec");
    spec.put("replicas", replicas);
    spec.putObject("selector").set("matchLabels", selector.deepCopy());
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").set("labels", selector.deepCopy());
    ObjectNode podSpec = template.putObject("spec");
    podSpec.put("serviceAccountName", serviceAccount);
    ObjectNode c = podSpec.putArray("containers").addObject();
    c.put("name", container);
    c.put("image", image);
    return c;
  }

  private static ObjectNode podLabels(String rev, String app) {
    ObjectNode labels = JSON.objectNode().put("app", app);
    if (!rev.isEmpty()) {
      labels.put(ControlPlane.REV, rev);
    }
    return labels;
  }

  static ObjectNode serviceAccount(String name, String app, String rev) {
    ObjectNode sa = object("v1", "ServiceAccount");
    metadata(sa, name, ControlPlane.SYSTEM, app, rev);
    return sa;
  }

  static void port(ArrayNode ports, String name, int port, int target) {
    ports
        .addObject()
        .put("name", name)
        .put("port", port)
        .put("targetPort", target)
        .put("protocol", "TCP");
  }

  static ObjectNode object(String apiVersion, String kind) {
    ObjectNode o = JSON.objectNode();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    return o;
  }

  static ObjectNode metadata(ObjectNode o, String name, String namespace, String app, String rev) {
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    ObjectNode labels = meta.putObject("labels");
    labels.put("app", app);
    labels.put(ControlPlane.REV, revLabel(rev));
    labels.put("install.operator.istio.io/owning-resource", "installed-state" + suffix(rev));
    return meta;
  }
}

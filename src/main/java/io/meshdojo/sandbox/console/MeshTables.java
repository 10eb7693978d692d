package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.ProxyView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What istioctl's proxy tables would show for a sandbox, read from its objects: the Services and
 * their ports, the Pods they select, the DestinationRules' subsets and the VirtualServices bound to
 * the mesh. Columns are istioctl's; the rows are those the objects imply (Envoy's built-in
 * clusters, listeners and routes are listed only where istioctl always shows them).
 */
final class MeshTables {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String SUFFIX = ".svc.cluster.local";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final List<ObjectNode> objects;
  private ProxyView model;

  MeshTables(List<ObjectNode> objects) {
    this.objects = objects;
  }

  /**
   * Whether the pod's proxy holds the host: the grader's model applies the Sidecar resource in
   * force, as istiod would, so the cluster table shows what the lab's numbers count.
   */
  private boolean inScope(JsonNode pod, String fqdn) {
    if (model == null) {
      List<Map<String, Object>> maps = new ArrayList<>();
      objects.forEach(o -> maps.add(JSON.convertValue(o, MAP)));
      model = ProxyView.of(maps);
    }
    return model.holds(namespace(pod) + "/" + workload(pod), fqdn);
  }

  /**
   * The workload the model knows a pod by: its Deployment (through its ReplicaSet), else itself.
   */
  private String workload(JsonNode pod) {
    String replicaSet = controller(pod, "ReplicaSet");
    if (replicaSet == null) {
      return name(pod);
    }
    return of("ReplicaSet").stream()
        .filter(rs -> name(rs).equals(replicaSet) && namespace(rs).equals(namespace(pod)))
        .map(rs -> controller(rs, "Deployment"))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(name(pod));
  }

  private static String controller(JsonNode o, String kind) {
    for (JsonNode owner : o.path("metadata").path("ownerReferences")) {
      if (owner.path("kind").asText().equals(kind) && owner.path("controller").asBoolean()) {
        return owner.path("name").asText();
      }
    }
    return null;
  }

  private List<ObjectNode> of(String kind) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .sorted(Comparator.comparing(MeshTables::qualified))
        .toList();
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  private static String namespace(JsonNode o) {
    return o.path("metadata").path("namespace").asText();
  }

  static String qualified(JsonNode o) {
    return name(o) + "." + namespace(o);
  }

  Optional<ObjectNode> pod(String namespace, String name) {
    return of("Pod").stream()
        .filter(p -> name(p).equals(name) && namespace(p).equals(namespace))
        .findFirst();
  }

  /**
   * The pod istioctl picks for {@code deployment/NAME}: the first by name of those its selector
   * matches.
   */
  Optional<ObjectNode> firstPodOf(String namespace, String deployment) {
    Optional<ObjectNode> owner =
        of("Deployment").stream()
            .filter(d -> name(d).equals(deployment) && namespace(d).equals(namespace))
            .findFirst();
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    JsonNode wanted = owner.get().path("spec").path("selector").path("matchLabels");
    return of("Pod").stream()
        .filter(
            p ->
                namespace(p).equals(namespace)
                    && !wanted.isEmpty()
                    && KubectlWorkloads.hasLabels(p, wanted))
        .min(Comparator.comparing(MeshTables::name));
  }

  static boolean proxied(JsonNode pod) {
    return proxy(pod) != null;
  }

  private static JsonNode proxy(JsonNode pod) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (c.path("name").asText().equals("istio-proxy")) {
        return c;
      }
    }
    return null;
  }

  private static String proxyVersion(JsonNode pod) {
    String image = proxy(pod).path("image").asText();
    int colon = image.lastIndexOf(':');
    return colon < 0 ? "unknown" : image.substring(colon + 1);
  }

  private List<ObjectNode> proxies() {
    return of("Pod").stream().filter(MeshTables::proxied).map(p -> (ObjectNode) p).toList();
  }

  /** {@code istioctl version}'s data-plane line. */
  String dataPlaneVersions() {
    Map<String, Integer> versions = new TreeMap<>();
    proxies().forEach(p -> versions.merge(proxyVersion(p), 1, Integer::sum));
    if (versions.isEmpty()) {
      return "data plane version: none (no pod has an istio-proxy sidecar)\n";
    }
    StringBuilder out = new StringBuilder("data plane version: ");
    List<String> parts = new ArrayList<>();
    versions.forEach((v, n) -> parts.add(v + " (" + n + " proxies)"));
    return out.append(String.join(", ", parts)).append('\n').toString();
  }

  /** {@code istioctl proxy-status}: every proxy in sync, since the model applies config at once. */
  String proxyStatus(List<String> only) {
    List<List<String>> rows = new ArrayList<>();
    for (ObjectNode p : proxies()) {
      String id = qualified(p);
      if (!only.isEmpty() && !id.equals(only.get(0)) && !name(p).equals(only.get(0))) {
        continue;
      }
      rows.add(
          List.of(
              id,
              "Kubernetes",
              "SYNCED",
              "SYNCED",
              "SYNCED",
              "SYNCED",
              "IGNORED",
              istiodOf(p),
              proxyVersion(p)));
    }
    return TableText.format(
        List.of("Name", "Cluster", "CDS", "LDS", "EDS", "RDS", "ECDS", "Istiod", "Version"), rows);
  }

  /**
   * The istiod pod serving a proxy: one of its revision's ({@code istio.io/rev} of the pod, label
   * of istiod's pods; none meaning default), "none" when that revision has no istiod pod any more.
   */
  private String istiodOf(JsonNode proxy) {
    // A sidecar records its revision in an annotation; a gateway's pods carry it as a label.
    String revision =
        proxy
            .path("metadata")
            .path("annotations")
            .path("istio.io/rev")
            .asText(proxy.path("metadata").path("labels").path("istio.io/rev").asText("default"));
    return of("Pod").stream()
        .filter(p -> p.path("metadata").path("labels").path("app").asText().equals("istiod"))
        .filter(
            p ->
                p.path("metadata")
                    .path("labels")
                    .path("istio.io/rev")
                    .asText("default")
                    .equals(revision))
        .map(MeshTables::name)
        .findFirst()
        .orElse("none");
  }

  // --- services, subsets and routes as the objects declare them ---

  private record Port(int number, String name, String protocol, int targetPort) {}

  private static List<Port> ports(JsonNode service) {
    List<Port> out = new ArrayList<>();
    for (JsonNode p : service.path("spec").path("ports")) {
      int number = p.path("port").asInt();
      String portName = p.path("name").asText("");
      String protocol =
          p.hasNonNull("appProtocol")
              ? p.path("appProtocol").asText()
              : portName.contains("-") ? portName.substring(0, portName.indexOf('-')) : portName;
      out.add(new Port(number, portName, protocol, p.path("targetPort").asInt(number)));
    }
    return out;
  }

  private static boolean http(Port p) {
    return List.of("http", "http2", "grpc", "grpc-web").contains(p.protocol());
  }

  private static String fqdn(String host, String namespace) {
    if (host.endsWith(SUFFIX) || host.contains("*")) {
      return host;
    }
    return host.contains(".") ? host + SUFFIX : host + "." + namespace + SUFFIX;
  }

  private static String fqdn(JsonNode service) {
    return name(service) + "." + namespace(service) + SUFFIX;
  }

  private Optional<ObjectNode> destinationRule(String fqdn) {
    return of("DestinationRule").stream()
        .filter(d -> fqdn(d.path("spec").path("host").asText(), namespace(d)).equals(fqdn))
        .findFirst();
  }

  private List<ObjectNode> meshVirtualServices(String fqdn) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode vs : of("VirtualService")) {
      JsonNode gateways = vs.path("spec").path("gateways");
      boolean mesh = gateways.isEmpty();
      for (JsonNode g : gateways) {
        mesh |= g.asText().equals("mesh");
      }
      for (JsonNode h : vs.path("spec").path("hosts")) {
        if (mesh && fqdn(h.asText(), namespace(vs)).equals(fqdn)) {
          out.add(vs);
          break;
        }
      }
    }
    return out;
  }

  private static boolean selects(JsonNode selector, JsonNode pod) {
    if (!selector.isObject() || selector.isEmpty()) {
      return false;
    }
    JsonNode labels = pod.path("metadata").path("labels");
    for (var e : selector.properties()) {
      if (!labels.path(e.getKey()).asText("\0").equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private List<ObjectNode> endpointsOf(JsonNode service, JsonNode subsetLabels) {
    return of("Pod").stream()
        .filter(p -> namespace(p).equals(namespace(service)))
        .filter(p -> selects(service.path("spec").path("selector"), p))
        .filter(p -> subsetLabels == null || subsetLabels.isEmpty() || selects(subsetLabels, p))
        .toList();
  }

  private static String cluster(String direction, int port, String subset, String fqdn) {
    return direction + "|" + port + "|" + subset + "|" + fqdn;
  }

  // --- proxy-config ---

  String clusters(ObjectNode pod) {
    List<List<String>> rows = new ArrayList<>();
    for (ObjectNode svc : of("Service")) {
      String fqdn = fqdn(svc);
      if (!inScope(pod, fqdn)) {
        continue;
      }
      Optional<ObjectNode> dr = destinationRule(fqdn);
      String drName = dr.map(MeshTables::qualified).orElse("");
      for (Port p : ports(svc)) {
        rows.add(List.of(fqdn, "" + p.number(), "-", "outbound", "EDS", drName));
        dr.ifPresent(
            d ->
                d.path("spec")
                    .path("subsets")
                    .forEach(
                        s ->
                            rows.add(
                                List.of(
                                    fqdn,
                                    "" + p.number(),
                                    s.path("name").asText(),
                                    "outbound",
                                    "EDS",
                                    drName))));
      }
    }
    for (Port p : ownPorts(pod)) {
      rows.add(List.of("", "" + p.targetPort(), "-", "inbound", "ORIGINAL_DST", ""));
    }
    for (String[] fixed :
        new String[][] {
          {"BlackHoleCluster", "STATIC"},
          {"InboundPassthroughCluster", "ORIGINAL_DST"},
          {"PassthroughCluster", "ORIGINAL_DST"},
          {"agent", "STATIC"},
          {"prometheus_stats", "STATIC"},
          {"sds-grpc", "STATIC"},
          {"xds-grpc", "STATIC"}
        }) {
      rows.add(List.of(fixed[0], "-", "-", "-", fixed[1], ""));
    }
    return TableText.format(
        List.of("Service FQDN", "Port", "Subset", "Direction", "Type", "Destination Rule"), rows);
  }

  /** The ports of the Services that select the pod: what its inbound side serves. */
  private List<Port> ownPorts(JsonNode pod) {
    List<Port> out = new ArrayList<>();
    for (ObjectNode svc : of("Service")) {
      if (namespace(svc).equals(namespace(pod))
          && selects(svc.path("spec").path("selector"), pod)) {
        for (Port p : ports(svc)) {
          if (out.stream().noneMatch(o -> o.targetPort() == p.targetPort())) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }

  ArrayNode clustersJson(ObjectNode pod) {
    ArrayNode out = F.arrayNode();
    for (ObjectNode svc : of("Service")) {
      if (!inScope(pod, fqdn(svc))) {
        continue;
      }
      for (Port p : ports(svc)) {
        ObjectNode c = out.addObject();
        c.put("name", cluster("outbound", p.number(), "", fqdn(svc)));
        c.put("type", "EDS");
        destinationRule(fqdn(svc))
            .ifPresent(
                d ->
                    d.path("spec")
                        .path("subsets")
                        .forEach(
                            s -> {
                              ObjectNode sc = out.addObject();
                              sc.put(
                                  "name",
                                  cluster(
                                      "outbound", p.number(), s.path("name").asText(), fqdn(svc)));
                              sc.put("type", "EDS");
                            }));
      }
    }
    return out;
  }

  String routes(ObjectNode pod) {
    List<List<String>> rows = new ArrayList<>();
    for (ObjectNode svc : of("Service")) {
      String fqdn = fqdn(svc);
      for (Port p : ports(svc)) {
        if (!http(p)) {
          continue;
        }
        List<ObjectNode> vss = meshVirtualServices(fqdn);
        String vs = vss.isEmpty() ? "" : qualified(vss.get(0));
        rows.add(List.of("" + p.number(), fqdn + ":" + p.number(), domains(svc, pod), "/*", vs));
      }
    }
    rows.add(List.of("InboundPassthroughCluster", "inbound|http|0", "*", "/*", ""));
    return TableText.format(
        List.of("Name", "Vhost Name", "Domains", "Match", "Virtual Service"), rows);
  }

  /** istioctl shortens a vhost's domains to the first and a count of the others. */
  private static String domains(JsonNode svc, JsonNode pod) {
    String first =
        namespace(svc).equals(namespace(pod)) ? name(svc) : name(svc) + "." + namespace(svc);
    return first + " + 1 more...";
  }

  ArrayNode routesJson(ObjectNode pod) {
    ArrayNode out = F.arrayNode();
    for (ObjectNode svc : of("Service")) {
      for (Port p : ports(svc)) {
        if (!http(p)) {
          continue;
        }
        ObjectNode route = out.addObject();
        route.put("name", "" + p.number());
        ObjectNode vhost = route.putArray("virtualHosts").addObject();
        vhost.put("name", fqdn(svc) + ":" + p.number());
        vhost.putArray("domains").add(name(svc)).add(fqdn(svc));
        ObjectNode r = vhost.putArray("routes").addObject();
        r.putObject("match").put("prefix", "/");
        r.putObject("route").put("cluster", cluster("outbound", p.number(), "", fqdn(svc)));
      }
    }
    return out;
  }

  String listeners(ObjectNode pod) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("0.0.0.0", "15001", "ALL", "PassthroughCluster"));
    rows.add(List.of("0.0.0.0", "15006", "ALL", "Inline Route: /*"));
    TreeMap<Integer, String> outbound = new TreeMap<>();
    for (ObjectNode svc : of("Service")) {
      for (Port p : ports(svc)) {
        outbound.putIfAbsent(
            p.number(),
            http(p)
                ? "Trans: raw_buffer; App: http/1.1,h2c|Route: " + p.number()
                : "ALL|Cluster: " + cluster("outbound", p.number(), "", fqdn(svc)));
      }
    }
    outbound.forEach(
        (port, m) -> {
          String[] parts = m.split("\\|", 2);
          rows.add(List.of("0.0.0.0", "" + port, parts[0], parts[1]));
        });
    return TableText.format(List.of("Addresses", "Port", "Match", "Destination"), rows);
  }

  ArrayNode listenersJson(ObjectNode pod) {
    ArrayNode out = F.arrayNode();
    for (int port : List.of(15001, 15006)) {
      listener(out, port);
    }
    TreeMap<Integer, Boolean> ports = new TreeMap<>();
    of("Service").forEach(s -> ports(s).forEach(p -> ports.put(p.number(), true)));
    ports.keySet().forEach(p -> listener(out, p));
    return out;
  }

  private static void listener(ArrayNode out, int port) {
    ObjectNode l = out.addObject();
    l.put("name", "0.0.0.0_" + port);
    l.putObject("address")
        .putObject("socketAddress")
        .put("address", "0.0.0.0")
        .put("portValue", port);
  }

  String endpoints(ObjectNode pod) {
    List<List<String>> rows = new ArrayList<>();
    forEachEndpoint(
        (cluster, ip, port) -> rows.add(List.of(ip + ":" + port, "HEALTHY", "OK", cluster)));
    return TableText.format(List.of("Endpoint", "Status", "Outlier Check", "Cluster"), rows);
  }

  ArrayNode endpointsJson(ObjectNode pod) {
    ArrayNode out = F.arrayNode();
    Map<String, ArrayNode> byCluster = new TreeMap<>();
    forEachEndpoint(
        (cluster, ip, port) -> {
          ObjectNode host = byCluster.computeIfAbsent(cluster, c -> F.arrayNode()).addObject();
          host.putObject("address")
              .putObject("socketAddress")
              .put("address", ip)
              .put("portValue", port);
          host.putObject("healthStatus").put("edsHealthStatus", "HEALTHY");
        });
    byCluster.forEach(
        (cluster, hosts) -> {
          ObjectNode c = out.addObject();
          c.put("name", cluster);
          c.set("hostStatuses", hosts);
        });
    return out;
  }

  private interface EndpointSink {
    void accept(String cluster, String ip, int port);
  }

  private void forEachEndpoint(EndpointSink sink) {
    for (ObjectNode svc : of("Service")) {
      String fqdn = fqdn(svc);
      Optional<ObjectNode> dr = destinationRule(fqdn);
      for (Port p : ports(svc)) {
        for (ObjectNode ep : endpointsOf(svc, null)) {
          sink.accept(cluster("outbound", p.number(), "", fqdn), ip(ep), p.targetPort());
        }
        if (dr.isPresent()) {
          for (JsonNode s : dr.get().path("spec").path("subsets")) {
            for (ObjectNode ep : endpointsOf(svc, s.path("labels"))) {
              sink.accept(
                  cluster("outbound", p.number(), s.path("name").asText(), fqdn),
                  ip(ep),
                  p.targetPort());
            }
          }
        }
      }
    }
  }

  private static String ip(JsonNode pod) {
    return pod.path("status").path("podIP").asText("-");
  }

  // --- x describe pod ---

  String describe(ObjectNode pod) {
    StringBuilder out = new StringBuilder();
    out.append("Pod: ").append(name(pod)).append('\n');
    out.append("   Pod Revision: ")
        .append(pod.path("metadata").path("labels").path("istio.io/rev").asText("default"))
        .append('\n');
    List<String> podPorts = new ArrayList<>();
    for (JsonNode c : pod.path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        podPorts.add(p.path("containerPort").asText() + " (" + c.path("name").asText() + ")");
      }
    }
    podPorts.add("15090 (istio-proxy)");
    out.append("   Pod Ports: ").append(String.join(", ", podPorts)).append('\n');
    for (ObjectNode svc : of("Service")) {
      if (!namespace(svc).equals(namespace(pod))
          || !selects(svc.path("spec").path("selector"), pod)) {
        continue;
      }
      out.append("--------------------\n");
      out.append("Service: ").append(name(svc)).append('\n');
      for (Port p : ports(svc)) {
        out.append("   Port: ")
            .append(p.name())
            .append(' ')
            .append(p.number())
            .append('/')
            .append(p.protocol().toUpperCase(java.util.Locale.ROOT))
            .append(" targets pod port ")
            .append(p.targetPort())
            .append('\n');
      }
      describeDestinationRule(out, fqdn(svc), pod);
      for (ObjectNode vs : meshVirtualServices(fqdn(svc))) {
        out.append("VirtualService: ").append(name(vs)).append('\n');
        out.append("   ").append(vs.path("spec").path("http").size()).append(" HTTP route(s)\n");
      }
    }
    out.append("--------------------\n");
    out.append("Effective PeerAuthentication:\n");
    out.append("   Workload mTLS mode: ").append(mtlsMode(pod)).append('\n');
    return out.toString();
  }

  private void describeDestinationRule(StringBuilder out, String fqdn, JsonNode pod) {
    Optional<ObjectNode> dr = destinationRule(fqdn);
    if (dr.isEmpty()) {
      return;
    }
    ObjectNode d = dr.get();
    out.append("DestinationRule: ")
        .append(name(d))
        .append(" for \"")
        .append(d.path("spec").path("host").asText())
        .append("\"\n");
    List<String> matching = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (JsonNode s : d.path("spec").path("subsets")) {
      (selects(s.path("labels"), pod) ? matching : other).add(s.path("name").asText());
    }
    out.append("   Matching subsets: ").append(String.join(",", matching)).append('\n');
    if (!other.isEmpty()) {
      out.append("      (Non-matching subsets ").append(String.join(",", other)).append(")\n");
    }
    JsonNode policy = d.path("spec").path("trafficPolicy");
    out.append(
        policy.isMissingNode() || policy.isEmpty()
            ? "   No Traffic Policy\n"
            : "   Traffic Policy TLS Mode: " + policy.path("tls").path("mode").asText("-") + "\n");
  }

  /** Workload, then namespace, then mesh-wide (root namespace) PeerAuthentication; PERMISSIVE. */
  private String mtlsMode(JsonNode pod) {
    String namespaceWide = null;
    String meshWide = null;
    for (ObjectNode pa : of("PeerAuthentication")) {
      String mode = pa.path("spec").path("mtls").path("mode").asText("");
      if (mode.isEmpty()) {
        continue;
      }
      JsonNode selector = pa.path("spec").path("selector").path("matchLabels");
      boolean own = namespace(pa).equals(namespace(pod));
      if (own && selects(selector, pod)) {
        return mode;
      }
      if (own && (selector.isMissingNode() || selector.isEmpty())) {
        namespaceWide = mode;
      }
      if (namespace(pa).equals("istio-system")
          && (selector.isMissingNode() || selector.isEmpty())) {
        meshWide = mode;
      }
    }
    return namespaceWide != null ? namespaceWide : meshWide != null ? meshWide : "PERMISSIVE";
  }
}

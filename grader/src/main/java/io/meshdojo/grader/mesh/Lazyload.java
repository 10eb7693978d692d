package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.Telemetries.list;
import static io.meshdojo.grader.mesh.Telemetries.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Slime 0.9's lazyload module, as the sandbox's install configures it ({@code
 * infra/slime/0.9.0/lazyload.yaml}: {@code autoFence: true}, {@code defaultFence: false}, a
 * cluster-wide global-sidecar in {@code mesh-operator}, dependencies learned from its access log,
 * lazy ports {@link #WORMHOLE_PORTS}). One definition for the embedded controller and the grader:
 *
 * <ul>
 *   <li>Which Services get a ServiceFence Slime creates itself ({@link #autoFenced}): the Service's
 *       label {@code slime.io/serviceFenced}, else its namespace's, else {@code defaultFence}.
 *   <li>The Sidecar Slime renders for an enabled fence ({@link #sidecar}): same name and namespace,
 *       owned by the fence, egress hosts {@code istio-system/*}, {@code mesh-operator/*}, the
 *       static dependencies of the spec and the domains learned into {@code status.domains}, the
 *       workloads of the Service of the fence's name.
 *   <li>Where a lazy-loaded proxy's request goes when it has no route for the host: to the
 *       global-sidecar ({@link #fallbackCluster}), which holds the whole mesh's configuration and
 *       forwards it; the controller then adds the host to the fence ({@link #withDomain}).
 * </ul>
 *
 * Objects are plain trees ({@code Map}s as YAML or JSON reads them) so both sides share the code.
 */
public final class Lazyload {

  public static final String API_VERSION = "microservice.slime.io/v1alpha1";
  public static final String SLIME_NAMESPACE = "mesh-operator";
  public static final String GLOBAL_SIDECAR = "global-sidecar";

  public static final String GLOBAL_SIDECAR_HOST =
      GLOBAL_SIDECAR + "." + SLIME_NAMESPACE + ".svc.cluster.local";

  /** The global-sidecar as a workload id of the mesh model. */
  public static final String GLOBAL_SIDECAR_ID = SLIME_NAMESPACE + "/" + GLOBAL_SIDECAR;

  /** The Service and namespace label that asks Slime to create a fence. */
  public static final String FENCE_LABEL = "slime.io/serviceFenced";

  /** The label Slime puts on the fences it creates itself (only those follow the labels). */
  public static final String CREATED_BY = "app.kubernetes.io/created-by";

  public static final String FENCE_CONTROLLER = "fence-controller";

  /**
   * The ports whose unknown traffic goes to the global-sidecar (SlimeBoot {@code wormholePort}).
   */
  public static final List<Integer> WORMHOLE_PORTS = List.of(9080);

  /** Namespaces Slime never fences: the control planes. */
  private static final List<String> NOT_FENCED =
      List.of(Mesh.ROOT_NAMESPACE, SLIME_NAMESPACE, "kube-system", "kube-public");

  private Lazyload() {}

  /** Envoy's cluster towards the global-sidecar on a lazy port, as the client's log names it. */
  public static String fallbackCluster(int port) {
    return "outbound|" + port + "||" + GLOBAL_SIDECAR_HOST;
  }

  /** Whether an upstream cluster is the global-sidecar's (on whatever port). */
  public static boolean isFallbackCluster(String cluster) {
    return cluster.startsWith("outbound|") && cluster.endsWith("||" + GLOBAL_SIDECAR_HOST);
  }

  /**
   * Whether Slime creates a fence for a Service by itself: {@code "true"} or {@code "false"} on the
   * Service decides, else the same label on its namespace, else {@code defaultFence} (false).
   */
  public static boolean autoFenced(Map<String, Object> service, Map<String, Object> namespace) {
    String ns = text(map(service.get("metadata")), "namespace");
    if (NOT_FENCED.contains(ns)) {
      return false;
    }
    for (Map<String, Object> o :
        List.of(service, namespace == null ? Map.<String, Object>of() : namespace)) {
      String v = text(map(map(o.get("metadata")).get("labels")), FENCE_LABEL);
      if (v.equals("true") || v.equals("false")) {
        return v.equals("true");
      }
    }
    return false;
  }

  /** The fence Slime creates for a Service it fences by label. */
  public static Map<String, Object> autoFence(Map<String, Object> service) {
    Map<String, Object> meta = map(service.get("metadata"));
    Map<String, Object> fence = new LinkedHashMap<>();
    fence.put("apiVersion", API_VERSION);
    fence.put("kind", "ServiceFence");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", text(meta, "name"));
    m.put("namespace", text(meta, "namespace"));
    m.put("labels", Map.of(CREATED_BY, FENCE_CONTROLLER));
    fence.put("metadata", m);
    fence.put("spec", Map.of("enable", true));
    return fence;
  }

  /** Whether Slime created the fence itself (so labels create and remove it). */
  public static boolean createdBySlime(Map<String, Object> fence) {
    return FENCE_CONTROLLER.equals(text(map(map(fence.get("metadata")).get("labels")), CREATED_BY));
  }

  /**
   * The Sidecar Slime renders for a fence, without owner reference; empty when it renders none
   * (fence not enabled, or no Service of the fence's name in its namespace to take workloads from).
   *
   * @param services every Service of the sandbox (for {@code labelSelector})
   */
  public static Optional<Map<String, Object>> sidecar(
      Map<String, Object> fence, List<Map<String, Object>> services) {
    Map<String, Object> meta = map(fence.get("metadata"));
    Map<String, Object> spec = map(fence.get("spec"));
    String name = text(meta, "name");
    String ns = text(meta, "namespace");
    Map<String, Object> service = null;
    for (Map<String, Object> s : services) {
      Map<String, Object> sm = map(s.get("metadata"));
      if (text(sm, "name").equals(name) && text(sm, "namespace").equals(ns)) {
        service = s;
      }
    }
    if (!Boolean.TRUE.equals(spec.get("enable")) || service == null) {
      return Optional.empty();
    }
    TreeSet<String> hosts = new TreeSet<>();
    hosts.add(Mesh.ROOT_NAMESPACE + "/*");
    hosts.add(SLIME_NAMESPACE + "/*");
    for (String h : map(spec.get("host")).keySet()) {
      hosts.add(h.endsWith("/*") ? h : "*/" + h);
    }
    for (Object n : list(spec.get("namespaceSelector"))) {
      hosts.add(n + "/*");
    }
    for (Object sel : list(spec.get("labelSelector"))) {
      Map<String, Object> want = map(map(sel).get("selector"));
      for (Map<String, Object> s : services) {
        Map<String, Object> labels = map(map(s.get("metadata")).get("labels"));
        if (!want.isEmpty()
            && want.entrySet().stream()
                .allMatch(e -> String.valueOf(e.getValue()).equals(text(labels, e.getKey())))) {
          Map<String, Object> sm = map(s.get("metadata"));
          hosts.add("*/" + text(sm, "name") + "." + text(sm, "namespace") + ".svc.cluster.local");
        }
      }
    }
    for (Map.Entry<String, Object> d : map(map(fence.get("status")).get("domains")).entrySet()) {
      if (!"EXPIRE".equals(text(map(d.getValue()), "status"))) {
        List<Object> dh = list(map(d.getValue()).get("hosts"));
        (dh.isEmpty() ? List.<Object>of(d.getKey()) : dh).forEach(h -> hosts.add("*/" + h));
      }
    }
    Map<String, Object> sidecar = new LinkedHashMap<>();
    sidecar.put("apiVersion", "networking.istio.io/v1beta1");
    sidecar.put("kind", "Sidecar");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("namespace", ns);
    sidecar.put("metadata", m);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("egress", List.of(Map.of("hosts", List.copyOf(hosts))));
    out.put("workloadSelector", Map.of("labels", workloads(spec, service, name)));
    sidecar.put("spec", out);
    return Optional.of(sidecar);
  }

  /**
   * The workloads the Sidecar selects: the fence's own labels, else the Service's selector ({@code
   * fromService}), else {@code app: <service>} (Slime's {@code global.service} label).
   */
  private static Map<String, Object> workloads(
      Map<String, Object> spec, Map<String, Object> service, String name) {
    Map<String, Object> ws = map(spec.get("workloadSelector"));
    Map<String, Object> labels = map(ws.get("labels"));
    if (!labels.isEmpty()) {
      return labels;
    }
    Map<String, Object> selector = map(map(service.get("spec")).get("selector"));
    if (!Boolean.FALSE.equals(ws.get("fromService")) && !selector.isEmpty()) {
      return selector;
    }
    return Map.of("app", name);
  }

  /** The fence's status with one more learned domain (unchanged when it is already there). */
  public static Map<String, Object> withDomain(Map<String, Object> status, String host) {
    Map<String, Object> out = new LinkedHashMap<>(status);
    Map<String, Object> domains = new LinkedHashMap<>(map(status.get("domains")));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("hosts", List.of(host));
    d.put("status", "ACTIVE");
    domains.put(host, d);
    out.put("domains", domains);
    return out;
  }

  /** The fence ({@code ns/name}) whose Sidecar the workload's proxy runs under, if any. */
  public static Optional<String> fenceOf(Mesh mesh, Workload w) {
    return new SidecarScope(mesh)
        .sidecarFor(w)
        .flatMap(
            s -> {
              for (Object ref : list(map(s.raw().get("metadata")).get("ownerReferences"))) {
                Map<String, Object> r = map(ref);
                if ("ServiceFence".equals(text(r, "kind"))
                    && API_VERSION.equals(text(r, "apiVersion"))) {
                  return Optional.of(s.namespace() + "/" + text(r, "name"));
                }
              }
              return Optional.empty();
            });
  }

  /**
   * The global-sidecar a lazy-loaded proxy sends a request for a host it does not hold: only from a
   * proxy under a Sidecar Slime rendered, on a lazy port, when the global-sidecar runs.
   */
  public static Optional<Workload> fallback(Mesh mesh, Workload client, int port) {
    if (!WORMHOLE_PORTS.contains(port) || fenceOf(mesh, client).isEmpty()) {
      return Optional.empty();
    }
    return mesh.workload(GLOBAL_SIDECAR_ID).filter(Workload::sidecar);
  }

  /**
   * What Slime keeps for these objects: the fences (those written by hand, and those it creates for
   * fenced Services, without the ones it created for Services no longer fenced) and, for each fence
   * that renders one, its Sidecar owned by it.
   */
  public record Plan(List<Map<String, Object>> fences, List<Map<String, Object>> sidecars) {}

  public static Plan plan(
      List<Map<String, Object>> namespaces,
      List<Map<String, Object>> services,
      List<Map<String, Object>> fences) {
    Map<String, Map<String, Object>> byNs = new LinkedHashMap<>();
    namespaces.forEach(n -> byNs.put(text(map(n.get("metadata")), "name"), n));
    Map<String, Map<String, Object>> fenced = new LinkedHashMap<>();
    for (Map<String, Object> s : services) {
      if (autoFenced(s, byNs.get(text(map(s.get("metadata")), "namespace")))) {
        fenced.put(id(s), s);
      }
    }
    Map<String, Map<String, Object>> kept = new LinkedHashMap<>();
    for (Map<String, Object> f : fences) {
      if (!createdBySlime(f) || fenced.containsKey(id(f))) {
        kept.put(id(f), f);
      }
    }
    fenced.forEach((id, s) -> kept.putIfAbsent(id, autoFence(s)));
    List<Map<String, Object>> sidecars = new ArrayList<>();
    for (Map<String, Object> f : kept.values()) {
      sidecar(f, services)
          .ifPresent(
              sc -> {
                Map<String, Object> meta = new LinkedHashMap<>(map(sc.get("metadata")));
                Map<String, Object> owner = new LinkedHashMap<>();
                owner.put("apiVersion", API_VERSION);
                owner.put("kind", "ServiceFence");
                owner.put("name", text(map(f.get("metadata")), "name"));
                String uid = text(map(f.get("metadata")), "uid");
                if (!uid.isEmpty()) {
                  owner.put("uid", uid);
                }
                owner.put("controller", true);
                owner.put("blockOwnerDeletion", true);
                meta.put("ownerReferences", List.of(owner));
                sc.put("metadata", meta);
                sidecars.add(sc);
              });
    }
    return new Plan(List.copyOf(kept.values()), sidecars);
  }

  /** Whether a Sidecar is one a ServiceFence owns (Slime rendered it). */
  public static boolean ownedByFence(Map<String, Object> sidecar) {
    return list(map(sidecar.get("metadata")).get("ownerReferences")).stream()
        .anyMatch(r -> "ServiceFence".equals(text(map(r), "kind")));
  }

  /** {@code namespace/name} of an object. */
  public static String id(Map<String, Object> o) {
    Map<String, Object> meta = map(o.get("metadata"));
    return text(meta, "namespace") + "/" + text(meta, "name");
  }

  static String text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? "" : String.valueOf(v);
  }
}

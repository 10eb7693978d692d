package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * What a name resolves to inside a workload's pod, as Istio 1.26's DNS proxying decides it. The
 * agent answers from the name table istiod sends (pkg/dns/server/name_table.go, BuildNameTable)
 * only when {@code ISTIO_META_DNS_CAPTURE} is on (mesh config {@code defaultConfig.proxyMetadata},
 * overridden key by key by the pod's {@code proxy.istio.io/config} annotation); the table holds the
 * services in the proxy's Sidecar scope with the address {@code GetAddressForProxy} gives: a
 * ServiceEntry's first IPv4 {@code addresses} entry, else the address istiod's IP auto-allocation
 * controller (on by default since 1.25) gives it from 240.240.0.0/16, which skips resolution NONE,
 * wildcard hosts and entries labelled {@code networking.istio.io/enable-autoallocate-ip: "false"};
 * else, for resolution NONE, its first endpoint address. A host with none of these is left to the
 * upstream DNS. The deprecated {@code ISTIO_META_DNS_AUTO_ALLOCATE} allocates for the same entries,
 * so it changes nothing here.
 *
 * <p>The upstream DNS is the cluster's: it knows Kubernetes Services and, standing for the public
 * internet, names outside private zones ({@code .internal}, {@code .local}, {@code .corp}, {@code
 * .lan}, {@code .home.arpa}, {@code .test}, {@code .invalid}), whose addresses the model does not
 * know. Allocated addresses are stable per host but are not the controller's exact values.
 */
public final class DnsResolution {

  static final String CAPTURE = "ISTIO_META_DNS_CAPTURE";
  static final String OPT_OUT = "networking.istio.io/enable-autoallocate-ip";
  static final String PROXY_CONFIG = "proxy.istio.io/config";

  private static final List<String> PRIVATE_ZONES =
      List.of(".internal", ".local", ".corp", ".lan", ".home.arpa", ".test", ".invalid");
  private static final int NDOTS = 5;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Who answered the query. */
  public enum Source {
    /** The cluster's DNS (kube-dns / CoreDNS): a Kubernetes Service. */
    CLUSTER_DNS,
    /** The Istio agent's DNS proxy, from the name table. */
    ISTIO_AGENT,
    /** The upstream DNS: a public name whose address the model does not know. */
    UPSTREAM,
    /** Nobody: NXDOMAIN, the client fails with "could not resolve host". */
    NONE
  }

  /**
   * The answer to one query.
   *
   * @param host the registry host that answered, null when none did
   * @param address the IPv4 address returned; null when unresolved or not known to the model
   * @param why a sentence for explanations
   */
  public record Answer(Source source, String host, String address, String why) {

    public boolean resolved() {
      return source != Source.NONE;
    }
  }

  private final Mesh mesh;
  private final SidecarScope scope;

  public DnsResolution(Mesh mesh) {
    this.mesh = mesh;
    this.scope = new SidecarScope(mesh);
  }

  /** The proxy metadata a workload's agent runs with: mesh defaults, then its pod annotation. */
  public Map<String, String> proxyMetadata(Workload w) {
    Map<String, String> out = new LinkedHashMap<>(MeshConfig.proxyMetadata(mesh, w));
    podAnnotations(w)
        .map(a -> a.get(PROXY_CONFIG))
        .map(DnsResolution::annotationMetadata)
        .ifPresent(out::putAll);
    return out;
  }

  /** Whether the workload's sidecar answers its DNS queries. */
  public boolean captures(Workload w) {
    return w.sidecar() && "true".equalsIgnoreCase(proxyMetadata(w).get(CAPTURE));
  }

  /** What {@code name}, looked up from a pod of {@code client}, resolves to. */
  public Answer resolve(Workload client, String name) {
    String query = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    Optional<MeshService> kube = kubernetesService(query, client.namespace());
    if (kube.isPresent()) {
      return new Answer(
          Source.CLUSTER_DNS,
          kube.get().hosts().get(0),
          null,
          query + " is a Kubernetes Service: the cluster's DNS answers with its ClusterIP");
    }
    if (captures(client)) {
      for (MeshService s : scope.services(client)) {
        if (!s.source().is("ServiceEntry")
            || s.hosts().stream().noneMatch(h -> h.equalsIgnoreCase(query))) {
          continue;
        }
        String address = tableAddress(s, query);
        if (address != null) {
          return new Answer(
              Source.ISTIO_AGENT,
              query,
              address,
              query
                  + " is answered by the sidecar's DNS proxy from "
                  + s.source().ref()
                  + " with "
                  + address);
        }
      }
    }
    if (PRIVATE_ZONES.stream().anyMatch(query::endsWith) || !query.contains(".")) {
      String why =
          captures(client)
              ? query
                  + " is in no ServiceEntry of the proxy's scope that has an address (none is"
                  + " allocated for resolution NONE, a wildcard host or an entry labelled "
                  + OPT_OUT
                  + ": \"false\"), and the upstream DNS does not know it"
              : query
                  + " is unknown to the cluster's DNS and the sidecar does not capture DNS ("
                  + CAPTURE
                  + " is off)";
      return new Answer(Source.NONE, null, null, why);
    }
    return new Answer(
        Source.UPSTREAM, null, null, query + " is a public name the upstream DNS answers");
  }

  /** The address the name table holds for a ServiceEntry host, or null when it holds none. */
  private static String tableAddress(MeshService s, String host) {
    var spec = s.source().as(ServiceEntry.class).getSpec();
    if (spec.getAddresses() != null) {
      for (String a : spec.getAddresses()) {
        if (IPV4.matcher(a).matches()) {
          return a; // a CIDR is not an address the agent can answer with
        }
      }
    }
    String resolution = spec.getResolution() == null ? "NONE" : spec.getResolution().name();
    if (!"NONE".equals(resolution) && !host.startsWith("*") && !optedOut(s.source())) {
      return allocated(host);
    }
    if ("NONE".equals(resolution) && spec.getEndpoints() != null) {
      return spec.getEndpoints().stream()
          .map(WorkloadEntry::getAddress)
          .filter(a -> a != null && IPV4.matcher(a).matches())
          .findFirst()
          .orElse(null);
    }
    return null;
  }

  private static boolean optedOut(Resource entry) {
    var labels = entry.as(ServiceEntry.class).getMetadata().getLabels();
    return labels != null && "false".equalsIgnoreCase(labels.get(OPT_OUT));
  }

  /** A stable address in 240.240.0.0/16 for a host, as istiod's allocator hands them out. */
  static String allocated(String host) {
    CRC32 crc = new CRC32();
    crc.update(host.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long v = crc.getValue();
    return "240.240." + ((v >> 8) & 0xff) + "." + Math.max(1, v & 0xff);
  }

  /**
   * The names a pod's resolver tries for {@code name}, in order, as a Kubernetes pod's {@code
   * resolv.conf} has it: search list {@code NAMESPACE.svc.cluster.local}, {@code
   * svc.cluster.local}, {@code cluster.local} and {@code ndots:5}, so a name with fewer than five
   * dots goes through the search list before it is tried as it is, and one with more is tried as it
   * is first. {@code reviews} thus means {@code reviews.NAMESPACE.svc.cluster.local} and {@code
   * reviews.bookinfo} means {@code reviews.bookinfo.svc.cluster.local}.
   */
  public static List<String> searchList(String name, String namespace) {
    List<String> completed =
        new ArrayList<>(
            List.of(
                name + "." + namespace + Mesh.SUFFIX, name + Mesh.SUFFIX, name + ".cluster.local"));
    if (name.chars().filter(c -> c == '.').count() < NDOTS) {
      completed.add(name);
    } else {
      completed.add(0, name);
    }
    return List.copyOf(completed);
  }

  /** The first name of {@link #searchList} that is a registry host: what the pod reaches. */
  public static Optional<String> registryHost(Mesh mesh, String name, String namespace) {
    return searchList(name, namespace).stream()
        .filter(c -> mesh.service(c).isPresent())
        .findFirst();
  }

  /** The Kubernetes Service a name means; ServiceEntries are not in the cluster's DNS. */
  private Optional<MeshService> kubernetesService(String name, String namespace) {
    return searchList(name, namespace).stream()
        .flatMap(c -> mesh.service(c).filter(x -> !x.source().is("ServiceEntry")).stream())
        .findFirst();
  }

  private Optional<Map<String, String>> podAnnotations(Workload w) {
    for (Resource r : mesh.of("Deployment")) {
      if (r.namespace().equals(w.namespace()) && r.name().equals(w.name())) {
        Deployment d = r.as(Deployment.class);
        PodTemplateSpec t = d.getSpec() == null ? null : d.getSpec().getTemplate();
        return Optional.ofNullable(
            t == null || t.getMetadata() == null ? null : t.getMetadata().getAnnotations());
      }
    }
    for (Resource r : mesh.of("Pod")) {
      if (r.namespace().equals(w.namespace()) && r.name().equals(w.name())) {
        var meta = r.as(io.fabric8.kubernetes.api.model.Pod.class).getMetadata();
        return Optional.ofNullable(meta == null ? null : meta.getAnnotations());
      }
    }
    return Optional.empty();
  }

  /** {@code proxyMetadata} of a {@code proxy.istio.io/config} annotation; unreadable: none. */
  private static Map<String, String> annotationMetadata(String text) {
    try {
      List<Object> docs = SafeYaml.parseAll(text);
      return !docs.isEmpty() && docs.get(0) instanceof Map<?, ?> m
          ? MeshConfig.strings(m.get("proxyMetadata"))
          : Map.of();
    } catch (SafeYaml.YamlRejected e) {
      // The injector rejects the pod's config it cannot read; the model reads nothing from it.
      return Map.of();
    }
  }
}

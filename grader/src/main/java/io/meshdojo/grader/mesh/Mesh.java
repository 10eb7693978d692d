package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.api.networking.v1alpha3.ServicePort;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meshdojo.grader.api.SidecarInjection;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mesh as the grader models it: workloads, registry services and the Istio, Slime and Aeraki
 * resources, with the lookups every query needs (host resolution, DestinationRule lookup, subsets
 * to workloads). Immutable once built.
 */
public final class Mesh {

  /** Istio's root namespace. */
  public static final String ROOT_NAMESPACE = "istio-system";

  /** The label of a revision tag's injection webhook. */
  public static final String TAG = "istio.io/tag";

  /** What completes a Service name {@code name.namespace} to its host. */
  static final String SUFFIX = ".svc.cluster.local";

  private final List<Resource> resources;
  private final Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();

  /** The revisions an istiod serves; null when no istiod is modelled (then every one counts). */
  private final Set<String> revisions;

  private final List<Workload> workloads = new ArrayList<>();
  private final List<MeshService> services = new ArrayList<>();
  private final Map<String, List<Resource>> byKind = new LinkedHashMap<>();

  /** {@code ns/workload} → the control plane revision its proxy belongs to. */
  private final Map<String, String> proxyRevisions = new LinkedHashMap<>();

  public Mesh(List<Resource> resources) {
    this.resources = List.copyOf(resources);
    for (Resource r : resources) {
      byKind.computeIfAbsent(r.key().kind(), k -> new ArrayList<>()).add(r);
    }
    for (Resource r : of("Namespace")) {
      Map<String, String> labels = r.as(Namespace.class).getMetadata().getLabels();
      namespaceLabels.put(r.name(), labels == null ? Map.of() : Map.copyOf(labels));
    }
    revisions = revisions();
    for (Resource r : of("Deployment")) {
      Deployment d = r.as(Deployment.class);
      var template = d.getSpec() == null ? null : d.getSpec().getTemplate();
      Map<String, String> labels =
          template == null
                  || template.getMetadata() == null
                  || template.getMetadata().getLabels() == null
              ? Map.of()
              : template.getMetadata().getLabels();
      Map<String, String> annotations =
          template == null
                  || template.getMetadata() == null
                  || template.getMetadata().getAnnotations() == null
              ? Map.of()
              : template.getMetadata().getAnnotations();
      String sa =
          template == null
                  || template.getSpec() == null
                  || template.getSpec().getServiceAccountName() == null
              ? "default"
              : template.getSpec().getServiceAccountName();
      int replicas =
          d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      List<Pod> pods = podsOf(r.namespace(), d);
      // Pods that exist keep the sidecar the webhook gave them when they were created: a namespace
      // labelled later changes nothing until they are restarted. Graded files have no pods, so the
      // template is judged as the webhook would judge a new pod.
      boolean sidecar =
          pods.isEmpty()
              ? sidecar(r.namespace(), labels, annotations)
              : pods.stream().allMatch(Mesh::runsProxy);
      proxyRevisions.put(
          r.namespace() + "/" + r.name(),
          pods.isEmpty()
              ? newPodRevision(r.namespace(), labels, annotations)
              : podRevision(pods.get(0)));
      workloads.add(
          new Workload(r.namespace(), r.name(), Map.copyOf(labels), sa, replicas, sidecar));
    }
    for (Resource r : of("Pod")) {
      Pod p = r.as(Pod.class);
      if (ownedByReplicaSet(p)) {
        // A Deployment's Pods are that Deployment's workload, already counted by its replicas.
        continue;
      }
      Map<String, String> labels =
          p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
      Map<String, String> annotations =
          p.getMetadata().getAnnotations() == null ? Map.of() : p.getMetadata().getAnnotations();
      String sa =
          p.getSpec() == null || p.getSpec().getServiceAccountName() == null
              ? "default"
              : p.getSpec().getServiceAccountName();
      workloads.add(
          new Workload(
              r.namespace(),
              r.name(),
              Map.copyOf(labels),
              sa,
              1,
              runsProxy(p) || sidecar(r.namespace(), labels, annotations)));
      proxyRevisions.put(
          r.namespace() + "/" + r.name(),
          runsProxy(p) ? podRevision(p) : newPodRevision(r.namespace(), labels, annotations));
    }
    for (Resource r : of("Service")) {
      Service s = r.as(Service.class);
      List<MeshService.ServicePort> ports = new ArrayList<>();
      if (s.getSpec() != null && s.getSpec().getPorts() != null) {
        for (var p : s.getSpec().getPorts()) {
          ports.add(
              new MeshService.ServicePort(
                  p.getPort(),
                  p.getName(),
                  target(p.getTargetPort(), p.getPort()),
                  p.getAppProtocol()));
        }
      }
      Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
      services.add(
          new MeshService(
              r.namespace(),
              r.name(),
              List.of(r.name() + "." + r.namespace() + SUFFIX),
              selector == null ? Map.of("__none__", "") : selector,
              ports,
              r));
    }
    for (Resource r : of("ServiceEntry")) {
      var spec = r.as(ServiceEntry.class).getSpec();
      if (spec == null || spec.getHosts() == null) {
        continue;
      }
      List<MeshService.ServicePort> ports = new ArrayList<>();
      if (spec.getPorts() != null) {
        for (ServicePort p : spec.getPorts()) {
          int n = p.getNumber() == null ? 0 : p.getNumber().intValue();
          ports.add(
              new MeshService.ServicePort(
                  n,
                  p.getName(),
                  p.getTargetPort() == null ? n : p.getTargetPort().intValue(),
                  p.getProtocol()));
        }
      }
      Map<String, String> selector =
          spec.getWorkloadSelector() == null || spec.getWorkloadSelector().getLabels() == null
              ? Map.of("__none__", "")
              : spec.getWorkloadSelector().getLabels();
      services.add(
          new MeshService(
              r.namespace(), r.name(), List.copyOf(spec.getHosts()), selector, ports, r));
    }
  }

  /**
   * Whether a pod created now from these labels and annotations would get a sidecar (gateways
   * always run a proxy).
   */
  public boolean sidecar(
      String namespace, Map<String, String> labels, Map<String, String> annotations) {
    if (labels.containsKey("istio") && labels.get("istio").contains("gateway")) {
      return true;
    }
    Map<String, String> nsLabels = namespaceLabels.getOrDefault(namespace, Map.of());
    Set<String> served = revisions;
    if (served == null) {
      served = new HashSet<>(Set.of("default"));
      served.addAll(
          nsLabels.containsKey(SidecarInjection.REV)
              ? Set.of(nsLabels.get(SidecarInjection.REV))
              : Set.of());
      served.addAll(
          labels.containsKey(SidecarInjection.REV)
              ? Set.of(labels.get(SidecarInjection.REV))
              : Set.of());
    }
    return SidecarInjection.decide(namespace, nsLabels, labels, annotations, false, served)
        .injected();
  }

  /**
   * The control plane revision a workload's proxy belongs to, whose istiod configures it and whose
   * mesh config ({@code istio}, or {@code istio-<rev>}) it runs with: its pods' injected revision,
   * or for graded files the revision the webhook would inject a new pod with (a tag resolved to its
   * revision); "default" when nothing names one.
   */
  public String proxyRevision(Workload w) {
    return proxyRevisions.getOrDefault(w.id(), "default");
  }

  /** The revision a pod's proxy was injected by (a tag resolved to its revision). */
  public String podRevision(Pod p) {
    Map<String, String> annotations = p.getMetadata().getAnnotations();
    Map<String, String> labels = p.getMetadata().getLabels();
    String named =
        annotations != null && annotations.containsKey(SidecarInjection.REV)
            ? annotations.get(SidecarInjection.REV)
            : labels != null ? labels.getOrDefault(SidecarInjection.REV, "default") : "default";
    String resolved = resolveRevision(named);
    return resolved == null ? named : resolved;
  }

  private String newPodRevision(
      String namespace, Map<String, String> labels, Map<String, String> annotations) {
    if (labels.containsKey("istio") && labels.get("istio").contains("gateway")) {
      // A gateway runs the proxy of the revision its pods are labelled with.
      return labels.getOrDefault(SidecarInjection.REV, "default");
    }
    Set<String> served = revisions == null ? Set.of() : revisions;
    String decided =
        SidecarInjection.decide(
                namespace,
                namespaceLabels.getOrDefault(namespace, Map.of()),
                labels,
                annotations,
                false,
                served)
            .revision();
    String resolved = decided == null ? null : resolveRevision(decided);
    return resolved == null ? "default" : resolved;
  }

  /** Revisions an istiod in istio-system serves; empty when no istiod is modelled. */
  public Set<String> servedRevisions() {
    return revisions == null ? Set.of() : Set.copyOf(revisions);
  }

  /**
   * Revision names served by the istiod Deployments in istio-system, and the revision tags whose
   * webhook points at one of them; null with no istiod.
   */
  private Set<String> revisions() {
    Set<String> out = new HashSet<>(istiodVersions().keySet());
    if (out.isEmpty()) {
      return null;
    }
    revisionTags()
        .forEach(
            (tag, revision) -> {
              if (out.contains(revision)) {
                out.add(tag);
              }
            });
    return out;
  }

  /**
   * Revision ("default" for the unrevisioned one) → the Istio version its istiod runs (the tag of
   * its first container's image, "" when it has none), for every istiod Deployment in istio-system.
   */
  public Map<String, String> istiodVersions() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Resource r : of("Deployment")) {
      Deployment d = r.as(Deployment.class);
      Map<String, String> labels = d.getMetadata().getLabels();
      if (r.namespace().equals(ROOT_NAMESPACE)
          && labels != null
          && "istiod".equals(labels.get("app"))) {
        var containers =
            d.getSpec() == null || d.getSpec().getTemplate().getSpec() == null
                ? null
                : d.getSpec().getTemplate().getSpec().getContainers();
        String image =
            containers == null || containers.isEmpty() ? "" : containers.get(0).getImage();
        out.put(labels.getOrDefault(SidecarInjection.REV, "default"), imageTag(image));
      }
    }
    return out;
  }

  /** Revision tag → the revision its injection webhook (label {@code istio.io/tag}) serves. */
  public Map<String, String> revisionTags() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Resource r : of("MutatingWebhookConfiguration")) {
      Map<String, String> labels =
          r.as(
                  io.fabric8.kubernetes.api.model.admissionregistration.v1
                      .MutatingWebhookConfiguration.class)
              .getMetadata()
              .getLabels();
      if (labels != null && labels.containsKey(TAG)) {
        out.put(labels.get(TAG), labels.getOrDefault(SidecarInjection.REV, "default"));
      }
    }
    return out;
  }

  /** The revision a name (a revision or a tag) injects with, as the webhooks do; null if none. */
  public String resolveRevision(String revisionOrTag) {
    Map<String, String> istiods = istiodVersions();
    if (istiods.containsKey(revisionOrTag)) {
      return revisionOrTag;
    }
    String target = revisionTags().get(revisionOrTag);
    return target != null && istiods.containsKey(target) ? target : null;
  }

  /** {@code docker.io/istio/proxyv2:1.26.3} → {@code 1.26.3}; "" without a tag. */
  public static String imageTag(String image) {
    if (image == null) {
      return "";
    }
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
  }

  /** The Deployment's pods: created by its ReplicaSet, in its namespace, matching its selector. */
  public List<Pod> podsOf(String namespace, Deployment d) {
    Map<String, String> selector =
        d.getSpec() == null || d.getSpec().getSelector() == null
            ? null
            : d.getSpec().getSelector().getMatchLabels();
    if (selector == null || selector.isEmpty()) {
      return List.of();
    }
    List<Pod> out = new ArrayList<>();
    for (Resource r : of("Pod")) {
      Pod p = r.as(Pod.class);
      Map<String, String> labels = p.getMetadata().getLabels();
      if (r.namespace().equals(namespace)
          && ownedByReplicaSet(p)
          && labels != null
          && labels.entrySet().containsAll(selector.entrySet())) {
        out.add(p);
      }
    }
    return out;
  }

  /** Whether a pod as the API server holds it runs an Istio proxy container. */
  public static boolean runsProxy(Pod p) {
    return p.getSpec() != null
        && p.getSpec().getContainers() != null
        && p.getSpec().getContainers().stream().anyMatch(c -> "istio-proxy".equals(c.getName()));
  }

  private static int target(IntOrString t, int port) {
    if (t == null) {
      return port;
    }
    return t.getIntVal() != null ? t.getIntVal() : port;
  }

  private static boolean ownedByReplicaSet(Pod p) {
    var owners = p.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream()
            .anyMatch(
                o -> "ReplicaSet".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()));
  }

  public List<Resource> resources() {
    return resources;
  }

  /** Resources of one kind, in input order. */
  public List<Resource> of(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  public List<Workload> workloads() {
    return Collections.unmodifiableList(workloads);
  }

  public List<MeshService> services() {
    return Collections.unmodifiableList(services);
  }

  public boolean namespaceExists(String ns) {
    return namespaceLabels.containsKey(ns);
  }

  public Optional<Workload> workload(String id) {
    for (Workload w : workloads) {
      if (w.id().equals(id) || (!id.contains("/") && w.name().equals(id))) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  /**
   * Istio's rule for hosts in VirtualService and DestinationRule: a name without a dot becomes
   * {@code name.<namespace of the resource>.svc.cluster.local}; anything with a dot, {@code *} and
   * IPs are taken literally.
   */
  public static String fqdn(String host, String namespace) {
    if (host == null || host.contains(".") || host.equals("*") || host.contains(":")) {
      return host;
    }
    return host + "." + namespace + SUFFIX;
  }

  /** Whether a (possibly wildcard) configured host covers a concrete host. */
  public static boolean hostMatches(String pattern, String host) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.startsWith("*.")) {
      return host.endsWith(pattern.substring(1));
    }
    return pattern.equalsIgnoreCase(host);
  }

  /** The registry service for a fully qualified host. */
  public Optional<MeshService> service(String fqdnHost) {
    for (MeshService s : services) {
      for (String h : s.hosts()) {
        if (h.equalsIgnoreCase(fqdnHost)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  /** Workloads that serve a service. */
  public List<Workload> endpoints(MeshService s) {
    List<Workload> out = new ArrayList<>();
    for (Workload w : workloads) {
      boolean sameNs = s.source().is("ServiceEntry") || w.namespace().equals(s.namespace());
      if (sameNs && w.matches(s.selector())) {
        out.add(w);
      }
    }
    return out;
  }

  /** Workloads in {@code namespace} (all namespaces when null) matching labels. */
  public List<Workload> selecting(String namespace, Map<String, String> labels) {
    List<Workload> out = new ArrayList<>();
    for (Workload w : workloads) {
      if ((namespace == null || w.namespace().equals(namespace)) && w.matches(labels)) {
        out.add(w);
      }
    }
    return out;
  }

  /** Whether a resource with exportTo is visible from a namespace. */
  public static boolean visible(List<String> exportTo, String ownNamespace, String fromNamespace) {
    if (exportTo == null || exportTo.isEmpty()) {
      return true;
    }
    for (String e : exportTo) {
      if (e.equals("*")
          || (e.equals(".") && ownNamespace.equals(fromNamespace))
          || e.equals(fromNamespace)) {
        return true;
      }
    }
    return false;
  }

  /**
   * DestinationRules for a host as a client in {@code clientNs} sees them: client namespace first,
   * then the service's namespace, then the root namespace.
   */
  public List<Resource> destinationRules(String fqdnHost, String clientNs) {
    String serviceNs = service(fqdnHost).map(MeshService::namespace).orElse(null);
    List<Resource> out = new ArrayList<>();
    for (String ns : new String[] {clientNs, serviceNs, ROOT_NAMESPACE}) {
      if (ns == null) {
        continue;
      }
      for (Resource r : of("DestinationRule")) {
        var spec = r.as(DestinationRule.class).getSpec();
        if (spec == null || !r.namespace().equals(ns) || out.contains(r)) {
          continue;
        }
        if (hostMatches(fqdn(spec.getHost(), r.namespace()), fqdnHost)
            && visible(spec.getExportTo(), r.namespace(), clientNs)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /**
   * The labels of a subset (first definition wins), or empty when no DestinationRule defines it.
   */
  public Optional<Map<String, String>> subsetLabels(
      String fqdnHost, String subset, String clientNs) {
    for (Resource r : destinationRules(fqdnHost, clientNs)) {
      var subsets = r.as(DestinationRule.class).getSpec().getSubsets();
      if (subsets == null) {
        continue;
      }
      for (var s : subsets) {
        if (subset.equals(s.getName())) {
          return Optional.of(s.getLabels() == null ? Map.of() : s.getLabels());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The workloads behind a service, narrowed to a subset when one is named; empty when the subset
   * is defined in no DestinationRule the client sees (an empty list: defined, but no pod matches).
   */
  public Optional<List<Workload>> endpoints(
      MeshService s, String fqdnHost, String subset, String clientNs) {
    List<Workload> all = endpoints(s);
    if (subset == null) {
      return Optional.of(all);
    }
    return subsetLabels(fqdnHost, subset, clientNs)
        .map(labels -> all.stream().filter(w -> w.matches(labels)).toList());
  }

  /** Gateways (as "ns/name") whose selector picks the given workload. */
  public List<Resource> gatewaysOf(Workload w) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : of("Gateway")) {
      var spec = r.as(Gateway.class).getSpec();
      if (spec != null
          && spec.getSelector() != null
          && !spec.getSelector().isEmpty()
          && w.matches(spec.getSelector())) {
        out.add(r);
      }
    }
    return out;
  }

  /** VirtualService gateway reference resolved: "gw" means the VirtualService's namespace. */
  public static String gatewayRef(String ref, String vsNamespace) {
    if (ref.equals("mesh")) {
      return ref;
    }
    return ref.contains("/") ? ref : vsNamespace + "/" + ref;
  }

  /** Mesh-bound VirtualServices (gateways omitted or naming mesh). */
  public static boolean meshBound(VirtualService vs) {
    List<String> gws = vs.getSpec().getGateways();
    return gws == null || gws.isEmpty() || gws.contains("mesh");
  }
}

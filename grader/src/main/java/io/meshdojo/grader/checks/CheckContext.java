package io.meshdojo.grader.checks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meshdojo.grader.mesh.GatewayListeners;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.MeshService;
import io.meshdojo.grader.mesh.Security;
import io.meshdojo.grader.mesh.Workload;
import io.meshdojo.grader.model.Resource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks' only window on the mesh. It records which kinds each query reads, so the registry's
 * meta-tests can prove a check reads only the kinds it declares.
 */
public final class CheckContext {

  static final List<String> WORKLOAD_KINDS =
      List.of("Deployment", "Pod", "Namespace", "MutatingWebhookConfiguration");
  private static final List<String> SERVICE_KINDS = List.of("Service", "ServiceEntry");

  private final Mesh mesh;
  private final Security security;
  private final Set<String> read = new LinkedHashSet<>();

  public CheckContext(Mesh mesh) {
    this.mesh = mesh;
    this.security = new Security(mesh);
  }

  /** Kinds read so far. */
  public Set<String> kindsRead() {
    return Set.copyOf(read);
  }

  private void reading(List<String> kinds) {
    read.addAll(kinds);
  }

  public List<Resource> of(String kind) {
    read.add(kind);
    return mesh.of(kind);
  }

  /**
   * What a Gateway credential lacks for its mode when read in the gateway pods' namespace, or null
   * (see {@link GatewayListeners#credentialMissing}).
   */
  public String credentialMissing(String podNamespace, String name, boolean mutual) {
    read.add("Secret");
    return new GatewayListeners(mesh).credentialMissing(podNamespace, name, mutual);
  }

  public List<Workload> workloads() {
    reading(WORKLOAD_KINDS);
    return mesh.workloads();
  }

  public List<Workload> selecting(String namespace, Map<String, String> labels) {
    reading(WORKLOAD_KINDS);
    return mesh.selecting(namespace, labels);
  }

  public List<MeshService> services() {
    reading(SERVICE_KINDS);
    return mesh.services();
  }

  public Optional<MeshService> service(String fqdn) {
    reading(SERVICE_KINDS);
    return mesh.service(fqdn);
  }

  public List<Workload> endpoints(MeshService s) {
    reading(WORKLOAD_KINDS);
    return mesh.endpoints(s);
  }

  public Optional<Map<String, String>> subsetLabels(String fqdn, String subset, String clientNs) {
    reading(List.of("DestinationRule", "Service", "ServiceEntry"));
    return mesh.subsetLabels(fqdn, subset, clientNs);
  }

  public Security.Mode mtlsMode(Workload w, int port) {
    read.add("PeerAuthentication");
    return security.mode(w, port);
  }

  public boolean namespaceExists(String ns) {
    read.add("Namespace");
    return mesh.namespaceExists(ns);
  }

  /** The pods of a Deployment the model holds (none for graded files). */
  public List<Pod> pods(Resource deployment) {
    reading(WORKLOAD_KINDS);
    return mesh.podsOf(deployment.namespace(), deployment.as(Deployment.class));
  }

  /** Whether a pod created now in the namespace, with these labels, would get a sidecar. */
  public boolean newPodGetsSidecar(
      String namespace, Map<String, String> labels, Map<String, String> annotations) {
    reading(WORKLOAD_KINDS);
    return mesh.sidecar(namespace, labels, annotations);
  }

  /** Revisions an istiod in istio-system serves; empty when no istiod is modelled. */
  public Set<String> servedRevisions() {
    read.add("Deployment");
    read.add("MutatingWebhookConfiguration");
    return mesh.servedRevisions();
  }
}

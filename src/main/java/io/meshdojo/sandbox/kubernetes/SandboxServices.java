package io.meshdojo.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ServiceResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Service in front of a held sandbox pod's API port, through which the learner's kubeconfig
 * reaches the inner cluster from outside the host cluster, and the address it is reached at.
 *
 * <p>The Service is owned by its pod (an owner reference), so Kubernetes deletes it with the pod
 * however the pod goes (released, reset, evicted); release deletes it too, without waiting for the
 * garbage collector.
 */
final class SandboxServices {

  static final String SUFFIX = "-api";

  /**
   * The Service's type, the address learners dial when it is not the Service's own, and its
   * annotations.
   */
  record Settings(String type, Optional<String> externalHost, Map<String, String> annotations) {

    static final List<String> TYPES = List.of("ClusterIP", "NodePort", "LoadBalancer");

    Settings {
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException(
            "meshdojo.sandbox.kubernetes.learner-service.type must be one of "
                + TYPES
                + ", not "
                + type);
      }
      externalHost = externalHost.filter(h -> !h.isBlank());
      if (type.equals("NodePort") && externalHost.isEmpty()) {
        // A node port is open on every node: which address learners dial is the operator's choice.
        throw new IllegalArgumentException(
            "a NodePort learner Service needs"
                + " meshdojo.sandbox.kubernetes.learner-service.external-host");
      }
      annotations = Map.copyOf(annotations);
    }
  }

  /** Where a learner reaches the inner cluster's API. */
  record Address(String host, int port) {}

  private final Supplier<KubernetesClient> client;
  private final String namespace;
  private final Settings settings;

  SandboxServices(Supplier<KubernetesClient> client, String namespace, Settings settings) {
    this.client = client;
    this.namespace = namespace;
    this.settings = settings;
  }

  static String name(String pod) {
    return pod + SUFFIX;
  }

  /** Creates the pod's Service unless it exists; it selects the pod by the sandbox holding it. */
  void ensure(Pod pod, String sandboxId) {
    String podName = pod.getMetadata().getName();
    if (service(podName).get() != null) {
      return;
    }
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name(podName))
            .withNamespace(namespace)
            .addToLabels(SandboxPodTemplate.APP_LABEL, SandboxPodTemplate.APP)
            .addToLabels(WarmPool.SANDBOX_LABEL, sandboxId)
            .withAnnotations(settings.annotations().isEmpty() ? null : settings.annotations())
            .addNewOwnerReference()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(podName)
            .withUid(pod.getMetadata().getUid())
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .withType(settings.type())
            .addToSelector(WarmPool.POOL_LABEL, WarmPool.CLAIMED)
            .addToSelector(WarmPool.SANDBOX_LABEL, sandboxId)
            .addNewPort()
            .withName("api")
            .withProtocol("TCP")
            .withPort(SandboxPodTemplate.API_PORT)
            .withNewTargetPort(SandboxPodTemplate.API_PORT)
            .endPort()
            .endSpec()
            .build();
    client.get().services().inNamespace(namespace).resource(service).create();
  }

  /**
   * Where learners reach the pod's inner cluster: the external host when one is configured, else
   * the Service's own address (a load balancer's, or the cluster IP); empty until it has one.
   */
  Optional<Address> address(String podName) {
    Service service = service(podName).get();
    if (service == null || service.getSpec() == null) {
      return Optional.empty();
    }
    ServicePort port = service.getSpec().getPorts().get(0);
    if ("NodePort".equals(settings.type())) {
      String host = settings.externalHost().orElseThrow();
      return port.getNodePort() == null
          ? Optional.empty()
          : Optional.of(new Address(host, port.getNodePort()));
    }
    Optional<String> own =
        "LoadBalancer".equals(settings.type())
            ? loadBalancerHost(service)
            : Optional.ofNullable(service.getSpec().getClusterIP());
    return settings.externalHost().or(() -> own).map(host -> new Address(host, port.getPort()));
  }

  void delete(String podName) {
    service(podName).delete();
  }

  private ServiceResource<Service> service(String podName) {
    return client.get().services().inNamespace(namespace).withName(name(podName));
  }

  private static Optional<String> loadBalancerHost(Service service) {
    if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null) {
      return Optional.empty();
    }
    List<LoadBalancerIngress> ingress = service.getStatus().getLoadBalancer().getIngress();
    if (ingress == null || ingress.isEmpty()) {
      return Optional.empty();
    }
    LoadBalancerIngress first = ingress.get(0);
    return Optional.ofNullable(first.getIp() != null ? first.getIp() : first.getHostname());
  }
}

package io.meshdojo.sandbox.kind;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ContainerResource;

/** How the service reaches a kind sandbox's API, and the toolbox container inside it. */
public final class SandboxClusters {

  private SandboxClusters() {}

  /** A client for the cluster a kubeconfig names; the caller closes it. */
  public static KubernetesClient connect(String kubeconfig) {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  /** The toolbox pod's container with kubectl and curl, where shells and probes run. */
  public static ContainerResource toolbox(KubernetesClient client) {
    return client
        .pods()
        .inNamespace(KindSandboxLabels.TOOLBOX_NAMESPACE)
        .withName(KindSandboxLabels.TOOLBOX_POD)
        .inContainer(KindSandboxLabels.TOOLBOX_CONTAINER);
  }
}

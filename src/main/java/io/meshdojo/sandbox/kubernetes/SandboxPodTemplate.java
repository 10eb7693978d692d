package io.meshdojo.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.meshdojo.grader.api.Environment;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox pod for an environment: a k3s server whose version is the environment's Kubernetes
 * version, and a publisher next to it that hands the inner cluster's kubeconfig to the service as
 * the Secret {@code <pod name>-kubeconfig} (key {@value #KUBECONFIG_KEY}).
 *
 * <p>k3s runs containers of its own, so its container must be privileged: whoever breaks out of it
 * owns the node. The mitigations are the operator's: a dedicated node pool ({@code node-selector})
 * that runs nothing else, and a RuntimeClass that isolates the pod (sysbox, kata) where the host
 * cluster offers one.
 */
public final class SandboxPodTemplate {

  /** The environment a pod was made for: warm pods of one environment form one pool. */
  public static final String ENVIRONMENT_LABEL = "meshdojo.io/environment";

  public static final String APP_LABEL = "app.kubernetes.io/name";
  public static final String APP = "meshdojo-sandbox";

  /** The inner cluster's API port. */
  public static final int API_PORT = 6443;

  public static final String KUBECONFIG_KEY = "kubeconfig";
  static final String SECRET_SUFFIX = "-kubeconfig";

  private static final String SHARED = "/meshdojo";
  private static final String KUBECONFIG_FILE = SHARED + "/k3s.yaml";

  private SandboxPodTemplate() {}

  /** What the operator chose for every sandbox pod. */
  public record Settings(
      String imageRepository,
      String imageTagSuffix,
      String cpuRequest,
      String memory,
      Optional<String> runtimeClass,
      Map<String, String> nodeSelector,
      String serviceAccount) {}

  /** The Secret a pod's publisher writes the inner kubeconfig to. */
  public static String secretName(String podName) {
    return podName + SECRET_SUFFIX;
  }

  /**
   * The k3s image of an environment's Kubernetes version, e.g. {@code rancher/k3s:v1.32.0-k3s1}.
   */
  public static String image(Environment environment, Settings settings) {
    String version = environment.kubernetesVersion();
    String tag = (version.startsWith("v") ? version : "v" + version) + settings.imageTagSuffix();
    return settings.imageRepository() + ":" + tag;
  }

  /** The pod (without a name: the pool gives it one) for an environment. */
  public static Pod build(Environment environment, Settings settings) {
    String image = image(environment, settings);
    Map<String, Quantity> requests =
        Map.of(
            "cpu", new Quantity(settings.cpuRequest()), "memory", new Quantity(settings.memory()));
    return new PodBuilder()
        .withNewMetadata()
        .addToLabels(APP_LABEL, APP)
        .addToLabels(ENVIRONMENT_LABEL, environment.name())
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(settings.serviceAccount())
        .withRuntimeClassName(settings.runtimeClass().orElse(null))
        .withNodeSelector(settings.nodeSelector().isEmpty() ? null : settings.nodeSelector())
        .withRestartPolicy("Never")
        .addNewVolume()
        .withName("shared")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .addNewContainer()
        .withName("k3s")
        .withImage(image)
        .withArgs(
            "server",
            "--disable=traefik",
            "--disable=metrics-server",
            // The certificate must name the address the service and learners dial.
            "--tls-san=$(POD_IP)",
            "--write-kubeconfig=" + KUBECONFIG_FILE,
            "--write-kubeconfig-mode=0600")
        .withEnv(podIp())
        .withNewSecurityContext()
        .withPrivileged(true)
        .endSecurityContext()
        .addNewPort()
        .withName("api")
        .withContainerPort(API_PORT)
        .endPort()
        .withNewResources()
        .withRequests(requests)
        .withLimits(Map.of("memory", new Quantity(settings.memory())))
        .endResources()
        .withNewReadinessProbe()
        .withNewTcpSocket()
        .withNewPort(API_PORT)
        .endTcpSocket()
        .withPeriodSeconds(2)
        .endReadinessProbe()
        .addNewVolumeMount()
        .withName("shared")
        .withMountPath(SHARED)
        .endVolumeMount()
        .endContainer()
        .addNewContainer()
        .withName("publisher")
        .withImage(image)
        .withCommand("/bin/sh", "-c", publishScript())
        .withEnv(podIp(), podName())
        .withNewSecurityContext()
        .withPrivileged(false)
        .withAllowPrivilegeEscalation(false)
        .endSecurityContext()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("32Mi")))
        .withLimits(Map.of("memory", new Quantity("64Mi")))
        .endResources()
        .addNewVolumeMount()
        .withName("shared")
        .withMountPath(SHARED)
        .withReadOnly(true)
        .endVolumeMount()
        .endContainer()
        .endSpec()
        .build();
  }

  /**
   * Waits for k3s to write its kubeconfig, points it at the pod's address instead of 127.0.0.1, and
   * stores it as the pod's Secret with the pod's own ServiceAccount (k3s's kubectl, talking to the
   * host cluster), then stays up so the pod stays Ready.
   */
  private static String publishScript() {
    String sa = "/var/run/secrets/kubernetes.io/serviceaccount";
    return String.join(
        "\n",
        "until [ -s " + KUBECONFIG_FILE + " ]; do sleep 1; done",
        "sed \"s#https://127.0.0.1:"
            + API_PORT
            + "#https://${POD_IP}:"
            + API_PORT
            + "#\" "
            + KUBECONFIG_FILE
            + " > /tmp/kubeconfig",
        "kubectl --server=https://kubernetes.default.svc --token=\"$(cat "
            + sa
            + "/token)\""
            + " --certificate-authority="
            + sa
            + "/ca.crt"
            + " --namespace=\"$(cat "
            + sa
            + "/namespace)\""
            + " create secret generic \"${POD_NAME}"
            + SECRET_SUFFIX
            + "\""
            + " --from-file="
            + KUBECONFIG_KEY
            + "=/tmp/kubeconfig",
        "exec sleep infinity");
  }

  private static EnvVar podIp() {
    return new EnvVarBuilder()
        .withName("POD_IP")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("status.podIP")
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private static EnvVar podName() {
    return new EnvVarBuilder()
        .withName("POD_NAME")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.name")
        .endFieldRef()
        .endValueFrom()
        .build();
  }
}

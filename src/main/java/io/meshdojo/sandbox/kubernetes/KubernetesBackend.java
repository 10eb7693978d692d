package io.meshdojo.sandbox.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.SandboxBackend;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.kubernetes.SandboxPods.SandboxPod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Sandboxes as pods on a host Kubernetes cluster, one per learner, each running its own small
 * cluster (k3s, see {@link SandboxPodTemplate}); Kubernetes schedules them across its nodes.
 *
 * <p>Each {@link #prepare} step looks at the host cluster and returns at once: it claims a warm pod
 * of the sandbox's environment ({@link WarmPool}, optimistic concurrency, so replicas never share
 * one) or creates one when none is free; then waits for the pod to be Ready and for its kubeconfig
 * Secret; then applies the lab's setup to the inner cluster. Everything it knows lives in the host
 * cluster (labels, Secrets), so any replica can take the next step.
 */
@ApplicationScoped
public class KubernetesBackend implements SandboxBackend {

  static final String NAME = "kubernetes";

  static final String CLAIMING = "Claiming a sandbox pod";
  static final String STARTING = "Starting cluster";
  static final String CONNECTING = "Connecting to the cluster";
  static final String SETUP = "Lab setup";

  private static final Logger LOG = Logger.getLogger(KubernetesBackend.class);
  private static final Capabilities CAPABILITIES = new Capabilities(false, true);

  /** Applies the lab's setup manifests to a ready inner cluster. */
  @FunctionalInterface
  public interface SetupApplier {
    void apply(String kubeconfig, List<ObjectNode> objects) throws Exception;
  }

  private final Optional<String> unavailable;
  private final Supplier<KubernetesClient> client;
  private final String namespace;
  private final Map<String, Integer> warmPool;
  private final SandboxPodTemplate.Settings settings;
  private final Function<String, Optional<Environment>> environments;
  private final SetupApplier setup;
  private final Duration pollEvery;
  private final Map<String, WarmPool> pools = new ConcurrentHashMap<>();
  private volatile KubernetesClient connected;

  @Inject
  public KubernetesBackend(KubernetesSandboxConfig config, EnvironmentCatalog environments) {
    this(
        HostClusterAccess.assess(
            config.enabled(),
            System.getenv(),
            Path.of(System.getProperty("user.home")),
            HostClusterAccess.SERVICE_ACCOUNT_TOKEN),
        () -> new KubernetesClientBuilder().build(),
        config.namespace(),
        config.warmPool(),
        new SandboxPodTemplate.Settings(
            config.imageRepository(),
            config.imageTagSuffix(),
            config.cpuRequest(),
            config.memory(),
            config.runtimeClass(),
            config.nodeSelector(),
            config.serviceAccount()),
        environments::find,
        KubernetesBackend::applyWithFabric8,
        Duration.ofSeconds(2));
  }

  KubernetesBackend(
      Optional<String> unavailable,
      Supplier<KubernetesClient> client,
      String namespace,
      Map<String, Integer> warmPool,
      SandboxPodTemplate.Settings settings,
      Function<String, Optional<Environment>> environments,
      SetupApplier setup,
      Duration pollEvery) {
    this.environments = environments;
    this.unavailable = unavailable;
    this.client = client;
    this.namespace = namespace;
    this.warmPool = warmPool;
    this.settings = settings;
    this.setup = setup;
    this.pollEvery = pollEvery;
  }

  /**
   * Brings every warm pool to its configured size: creates the missing pods, deletes those beyond a
   * lowered size, and deletes the warm pods of environments that no longer have a pool. Run by
   * {@link WarmPoolKeeper} on one replica of the fleet at a time, never on a request's path, so two
   * replicas never create the same missing pods.
   */
  public void maintainPools() {
    if (unavailable.isPresent()) {
      return;
    }
    for (Map.Entry<String, Integer> entry : warmPool.entrySet()) {
      Optional<Environment> environment = environments.apply(entry.getKey());
      if (environment.isEmpty()) {
        LOG.warnf(
            "meshdojo.sandbox.kubernetes.warm-pool names no environment '%s'", entry.getKey());
        continue;
      }
      WarmPool pool = pool(environment.get());
      try {
        pool.trim();
        pool.refill();
      } catch (RuntimeException e) {
        // A pool short of pods only makes the next learners wait: the next run tries again.
        LOG.warnf(e, "Keeping the warm pool of %s sandbox pods failed", entry.getKey());
      }
    }
    for (Pod pod : pods().withLabel(WarmPool.POOL_LABEL, WarmPool.WARM).list().getItems()) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      String environment = labels.get(SandboxPodTemplate.ENVIRONMENT_LABEL);
      if (warmPool.getOrDefault(environment, 0) == 0
          && pod.getMetadata().getDeletionTimestamp() == null) {
        pods().withName(pod.getMetadata().getName()).delete();
      }
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> unavailable() {
    return unavailable;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Step prepare(SandboxSession sandbox, Preparation preparation) {
    if (unavailable.isPresent()) {
      return new Failed(CLAIMING, "the kubernetes backend is not available: " + unavailable.get());
    }
    if (preparation.reset() && !preparation.begun()) {
      // A used cluster is never reused: a reset deletes it and takes a fresh pod.
      release(sandbox);
    }
    WarmPool pool = pool(preparation.environment());
    Optional<SandboxPod> held = pool.find(sandbox.id);
    if (held.isEmpty()) {
      if (preparation.begun()) {
        return new Failed(
            STARTING,
            "the sandbox's pod is gone from the host cluster (deleted or evicted); start a new"
                + " session");
      }
      // The pool is topped up by the fleet's scheduled job (maintainPools), not here.
      if (pool.claim(sandbox.id).isEmpty()) {
        // The pool is empty: a pod of its own, which Kubernetes schedules when a node has room.
        pool.create(sandbox.id);
      }
      return new Working(STARTING, 10, null, pollEvery);
    }
    Pod pod = pods().withName(held.get().name()).get();
    if (pod == null) {
      return new Working(STARTING, 10, null, pollEvery);
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
      return new Failed(STARTING, "the sandbox pod stopped (" + phase + ")");
    }
    if (!WarmPool.ready(pod)) {
      return new Working(STARTING, scheduled(pod) ? 40 : 20, null, pollEvery);
    }
    Optional<String> kubeconfig = kubeconfig(held.get());
    if (kubeconfig.isEmpty()) {
      return new Working(CONNECTING, 70, null, pollEvery);
    }
    if (!preparation.setup().isEmpty()) {
      try {
        setup.apply(kubeconfig.get(), preparation.setup());
      } catch (Exception e) {
        return new Failed(SETUP, e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
    return new Done();
  }

  /** Deletes the sandbox's pod and its kubeconfig Secret; a pod is never handed on. */
  @Override
  public void release(SandboxSession sandbox) {
    if (unavailable.isPresent()) {
      return;
    }
    Optional<SandboxPod> held = claims().find(sandbox.id);
    claims().release(sandbox.id);
    held.ifPresent(
        pod ->
            client()
                .secrets()
                .inNamespace(namespace)
                .withName(SandboxPodTemplate.secretName(pod.name()))
                .delete());
  }

  /** The inner cluster's admin kubeconfig, for the service's own work; empty until published. */
  @Override
  public Optional<String> serviceKubeconfig(SandboxSession sandbox, String serviceUrl) {
    if (unavailable.isPresent()) {
      return Optional.empty();
    }
    return claims().find(sandbox.id).flatMap(this::kubeconfig);
  }

  /**
   * The same kubeconfig, pointing at the pod's address. The inner cluster is the learner's alone,
   * but a ServiceAccount confined to the lab's namespaces, at an address outside the host cluster,
   * is still to come (docs/scale.md).
   */
  @Override
  public Optional<String> learnerKubeconfig(SandboxSession sandbox, String serviceUrl) {
    return serviceKubeconfig(sandbox, serviceUrl);
  }

  /** A sandbox whose pod left the host cluster under it is lost. */
  @Override
  public Optional<String> lost(SandboxSession sandbox) {
    if (unavailable.isPresent() || claims().find(sandbox.id).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("The sandbox pod is gone from the host cluster (deleted or evicted)");
  }

  private Optional<String> kubeconfig(SandboxPod pod) {
    Secret secret =
        client()
            .secrets()
            .inNamespace(namespace)
            .withName(SandboxPodTemplate.secretName(pod.name()))
            .get();
    if (secret == null || secret.getData() == null) {
      return Optional.empty();
    }
    String encoded = secret.getData().get(SandboxPodTemplate.KUBECONFIG_KEY);
    if (encoded == null || encoded.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
  }

  /** The warm pool of an environment's pods. */
  WarmPool pool(Environment environment) {
    return pools.computeIfAbsent(
        environment.name(),
        name ->
            new WarmPool(
                client(),
                namespace,
                warmPool.getOrDefault(name, 0),
                SandboxPodTemplate.build(environment, settings)));
  }

  /** Finding and releasing a held pod does not depend on its environment. */
  private WarmPool claims() {
    return pools.computeIfAbsent(
        "", name -> new WarmPool(client(), namespace, 0, new PodBuilder().build()));
  }

  private NonNamespaceOperation<Pod, PodList, PodResource> pods() {
    return client().pods().inNamespace(namespace);
  }

  private KubernetesClient client() {
    KubernetesClient c = connected;
    if (c == null) {
      synchronized (this) {
        if (connected == null) {
          connected = client.get();
        }
        c = connected;
      }
    }
    return c;
  }

  private static boolean scheduled(Pod pod) {
    return pod.getSpec() != null && pod.getSpec().getNodeName() != null;
  }

  /** Server-side apply of each object, as {@code kubectl apply --server-side} would. */
  static void applyWithFabric8(String kubeconfig, List<ObjectNode> objects) {
    try (KubernetesClient inner =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
      for (ObjectNode object : objects) {
        inner
            .resource(object.toString())
            .fieldManager("meshdojo")
            .forceConflicts()
            .serverSideApply();
      }
    }
  }
}

package io.meshdojo.sandbox.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.LabSetups;
import io.meshdojo.sandbox.LearnerRights;
import io.meshdojo.sandbox.SandboxBackend;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.kind.InfraFiles;
import io.meshdojo.sandbox.kind.KindInstall;
import io.meshdojo.sandbox.kind.KindInstalls;
import io.meshdojo.sandbox.kind.SandboxClusters;
import io.meshdojo.sandbox.kind.ServiceAccountKubeconfigs;
import io.meshdojo.sandbox.kubernetes.SandboxPods.SandboxPod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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
  private final Baselines baselines;
  private final SandboxServices services;
  private final ServiceAccountKubeconfigs learner;
  private final Function<String, LearnerRights> rights;
  private final boolean clusterAdminLabs;
  private final Map<String, WarmPool> pools = new ConcurrentHashMap<>();

  @Inject
  public KubernetesBackend(
      KubernetesSandboxConfig config, EnvironmentCatalog environments, LabSetups setups) {
    this(
        config,
        environments,
        setups,
        Once.of(() -> new KubernetesClientBuilder().build()),
        Once.of(() -> KindInstalls.load(InfraFiles.packaged(), environments.environments())));
  }

  private KubernetesBackend(
      KubernetesSandboxConfig config,
      EnvironmentCatalog environments,
      LabSetups setups,
      Supplier<KubernetesClient> client,
      Supplier<Map<String, KindInstall>> installs) {
    this(
        HostClusterAccess.assess(
            config.enabled(),
            System.getenv(),
            Path.of(System.getProperty("user.home")),
            HostClusterAccess.SERVICE_ACCOUNT_TOKEN),
        client,
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
        Duration.ofSeconds(2),
        new Baselines(
            client,
            config.namespace(),
            new PlanInstaller(installs, InfraFiles.packaged()),
            PlanInstaller.threads(config.parallelInstalls()),
            Clock.systemUTC(),
            config.installTimeout()),
        new SandboxServices(
            client,
            config.namespace(),
            new SandboxServices.Settings(
                config.learnerService().type(),
                config.learnerService().externalHost(),
                config.learnerService().annotations())),
        new ServiceAccountKubeconfigs(
            environment -> Optional.ofNullable(installs.get().get(environment)),
            Optional.empty(),
            Clock.systemUTC(),
            SandboxClusters::connect),
        setups::rights,
        config.clusterAdminLabs());
  }

  KubernetesBackend(
      Optional<String> unavailable,
      Supplier<KubernetesClient> client,
      String namespace,
      Map<String, Integer> warmPool,
      SandboxPodTemplate.Settings settings,
      Function<String, Optional<Environment>> environments,
      SetupApplier setup,
      Duration pollEvery,
      Baselines baselines,
      SandboxServices services,
      ServiceAccountKubeconfigs learner,
      Function<String, LearnerRights> rights,
      boolean clusterAdminLabs) {
    this.environments = environments;
    this.unavailable = unavailable;
    this.client = client;
    this.namespace = namespace;
    this.warmPool = warmPool;
    this.settings = settings;
    this.setup = setup;
    this.pollEvery = pollEvery;
    this.baselines = baselines;
    this.services = services;
    this.learner = learner;
    this.rights = rights;
    this.clusterAdminLabs = clusterAdminLabs;
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
        pool.spare().forEach(this::discard);
        replaceFailedInstalls(pool);
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
        discard(pod.getMetadata().getName());
      }
    }
    startInstalls();
  }

  /** A warm pod whose baseline install failed is never handed out: it goes, refill replaces it. */
  private void replaceFailedInstalls(WarmPool pool) {
    for (Pod pod : pool.warm()) {
      if (baselines.of(pod) instanceof Baselines.Failed failed) {
        LOG.warnf(
            "Replacing sandbox pod %s: its baseline install failed at %s: %s",
            pod.getMetadata().getName(), failed.step(), failed.reason());
        discard(pod.getMetadata().getName());
      }
    }
  }

  /**
   * Takes the baseline install of every sandbox pod, warm or held, whose cluster is up and has
   * published its kubeconfig; each runs in the background.
   */
  private void startInstalls() {
    for (Pod pod :
        pods().withLabel(SandboxPodTemplate.APP_LABEL, SandboxPodTemplate.APP).list().getItems()) {
      if (pod.getMetadata().getDeletionTimestamp() != null
          || !WarmPool.ready(pod)
          || !(baselines.of(pod) instanceof Baselines.NotStarted)) {
        continue;
      }
      try {
        kubeconfig(pod.getMetadata().getName()).ifPresent(admin -> baselines.begin(pod, admin));
      } catch (RuntimeException e) {
        // The next run tries again.
        LOG.warnf(
            e,
            "Starting the baseline install of sandbox pod %s failed",
            pod.getMetadata().getName());
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

  /**
   * Labs that install or repair Istio make the learner the inner cluster's admin, who can start a
   * privileged pod there and so reach the node its privileged sandbox pod runs on: served only
   * where the operator allows it, as on kind.
   */
  @Override
  public Optional<String> declines(LearnerRights wanted) {
    return wanted.declinedUnless(
        clusterAdminLabs, "meshdojo.sandbox.kubernetes.cluster-admin-labs");
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
    Optional<String> kubeconfig = kubeconfig(held.get().name());
    if (kubeconfig.isEmpty()) {
      return new Working(CONNECTING, 45, null, pollEvery);
    }
    Baselines.State baseline = baselines.of(pod);
    if (baseline instanceof Baselines.NotStarted) {
      // A pod of its own (the pool was empty) or a warm pod the scheduled job has not reached.
      baselines.begin(pod, kubeconfig.get());
      return new Working(Baselines.INSTALL, 50, null, pollEvery);
    }
    if (baseline instanceof Baselines.Installing installing) {
      return installing
          .at()
          .map(at -> new Working(at.step(), 50 + at.percent() * 45 / 100, null, pollEvery))
          .orElseGet(() -> new Working(Baselines.INSTALL, 50, null, pollEvery));
    }
    if (baseline instanceof Baselines.Failed failed) {
      return new Failed(failed.step(), failed.reason());
    }
    try {
      if (!preparation.setup().isEmpty()) {
        setup.apply(kubeconfig.get(), preparation.setup());
      }
      // After the setup: the learner's RoleBindings go into the namespaces it made.
      learner.grant(kubeconfig.get(), environmentOf(pod), preparation.rights());
      services.ensure(pod, sandbox.id);
    } catch (Exception e) {
      return new Failed(SETUP, e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return new Done();
  }

  /** Deletes the sandbox's pod and its kubeconfig Secret; a pod is never handed on. */
  @Override
  public void release(SandboxSession sandbox) {
    if (unavailable.isPresent()) {
      return;
    }
    claims().find(sandbox.id).ifPresent(pod -> discard(pod.name()));
    // Any other pod labelled for the sandbox (one being deleted) goes too.
    claims().release(sandbox.id);
  }

  /** Deletes a pod with its kubeconfig Secret and its Service. */
  private void discard(String pod) {
    pods().withName(pod).delete();
    client().secrets().inNamespace(namespace).withName(SandboxPodTemplate.secretName(pod)).delete();
    services.delete(pod);
  }

  /** The inner cluster's admin kubeconfig, for the service's own work; empty until published. */
  @Override
  public Optional<String> serviceKubeconfig(SandboxSession sandbox, String serviceUrl) {
    if (unavailable.isPresent()) {
      return Optional.empty();
    }
    return claims().find(sandbox.id).map(SandboxPod::name).flatMap(this::kubeconfig);
  }

  /**
   * The learner's own kubeconfig: a token of the learner's ServiceAccount, confined to the lab's
   * namespaces, at the address of the pod's Service. Never the inner cluster's admin one.
   *
   * @throws WebApplicationException 503 while the Service has no address yet, 502 when the inner
   *     cluster does not answer
   */
  @Override
  public Optional<String> learnerKubeconfig(SandboxSession sandbox, String serviceUrl) {
    if (unavailable.isPresent()) {
      return Optional.empty();
    }
    Optional<Pod> pod = claims().find(sandbox.id).map(held -> pods().withName(held.name()).get());
    if (pod.isEmpty() || pod.get() == null || !Baselines.installed(pod.get())) {
      return Optional.empty();
    }
    String name = pod.get().getMetadata().getName();
    Optional<String> admin = kubeconfig(name);
    if (admin.isEmpty()) {
      return Optional.empty();
    }
    try {
      SandboxServices.Address address =
          services
              .address(name)
              .orElseThrow(
                  () ->
                      new WebApplicationException(
                          "The address of sandbox "
                              + sandbox.id
                              + "'s cluster is not assigned yet; try again in a minute",
                          503));
      return Optional.of(
          learner.issue(
              admin.get(),
              environmentOf(pod.get()),
              sandbox.expiresAt,
              rights.apply(sandbox.labId),
              "meshdojo-" + sandbox.id,
              address.host(),
              address.port()));
    } catch (KubernetesClientException | IllegalStateException e) {
      throw new WebApplicationException(
          "The cluster of sandbox " + sandbox.id + " did not issue a kubeconfig: " + e.getMessage(),
          502);
    }
  }

  /** A sandbox whose pod left the host cluster under it is lost. */
  @Override
  public Optional<String> lost(SandboxSession sandbox) {
    if (unavailable.isPresent() || claims().find(sandbox.id).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("The sandbox pod is gone from the host cluster (deleted or evicted)");
  }

  private Optional<String> kubeconfig(String pod) {
    Secret secret =
        client()
            .secrets()
            .inNamespace(namespace)
            .withName(SandboxPodTemplate.secretName(pod))
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
    return client.get();
  }

  private static String environmentOf(Pod pod) {
    return pod.getMetadata().getLabels().get(SandboxPodTemplate.ENVIRONMENT_LABEL);
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

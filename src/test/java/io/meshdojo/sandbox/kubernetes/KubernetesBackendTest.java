package io.meshdojo.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.Environments;
import io.meshdojo.sandbox.LearnerRights;
import io.meshdojo.sandbox.SandboxBackend.Done;
import io.meshdojo.sandbox.SandboxBackend.Failed;
import io.meshdojo.sandbox.SandboxBackend.Preparation;
import io.meshdojo.sandbox.SandboxBackend.Step;
import io.meshdojo.sandbox.SandboxBackend.Working;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.kind.InstallPlanRunner.Progress;
import io.meshdojo.sandbox.kind.KindInstall;
import io.meshdojo.sandbox.kind.KindInstalls;
import io.meshdojo.sandbox.kind.LearnerAccess;
import io.meshdojo.sandbox.kind.MutableClock;
import io.meshdojo.sandbox.kind.ServiceAccountKubeconfigs;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kubernetes backend against fabric8's API server stand-in (CRUD mode); no cluster here. */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendTest {

  static final String NAMESPACE = "sandboxes";
  static final Environment BOOKINFO = Environments.fromClasspath().get("bookinfo");
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  /** The inner cluster's admin kubeconfig as a pod publishes it: k3s at the pod's IP. */
  static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: default
        cluster:
          server: https://10.42.0.7:6443
          certificate-authority-data: SzNTLUNB
      users:
      - name: default
        user:
          client-certificate-data: QURNSU4tQ0VSVA==
          client-key-data: QURNSU4tS0VZ
      contexts:
      - name: default
        context: {cluster: default, user: default}
      current-context: default
      """;

  static final String TOKEN_PATH = "/api/v1/namespaces/bookinfo/serviceaccounts/learner/token";

  KubernetesMockServer server;
  KubernetesClient client;

  final List<String> setupAppliedWith = new ArrayList<>();

  /** Installs taken but not run yet: the test runs them when it wants. */
  final List<Runnable> installs = new ArrayList<>();

  final List<String> installedInto = new ArrayList<>();

  /** What an install does after reporting its second step, before it ends. */
  Runnable midway = () -> {};

  /** When set, the install fails with it. */
  RuntimeException installFailure;

  final MutableClock clock = new MutableClock(NOW);

  KubernetesBackend backend(int warm) {
    return backend(warm, new SandboxServices.Settings("LoadBalancer", Optional.empty(), Map.of()));
  }

  KubernetesBackend backend(int warm, SandboxServices.Settings service) {
    return backend(warm, service, false);
  }

  KubernetesBackend backend(int warm, SandboxServices.Settings service, boolean clusterAdminLabs) {
    Supplier<KubernetesClient> host = () -> client;
    return new KubernetesBackend(
        Optional.empty(),
        host,
        NAMESPACE,
        Map.of("bookinfo", warm),
        SandboxPodTemplateTest.SETTINGS,
        name -> Optional.of(BOOKINFO).filter(e -> e.name().equals(name)),
        (kubeconfig, objects) -> setupAppliedWith.add(kubeconfig),
        Duration.ofMillis(10),
        new Baselines(host, NAMESPACE, this::install, installs::add, clock, INSTALL_TIMEOUT),
        new SandboxServices(host, NAMESPACE, service),
        new ServiceAccountKubeconfigs(
            environment -> Optional.ofNullable(INSTALLS.get(environment)),
            Optional.empty(),
            clock,
            admin -> server.createClient()),
        lab -> LearnerRights.ENVIRONMENT_ONLY,
        clusterAdminLabs);
  }

  static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);
  static final Map<String, KindInstall> INSTALLS = KindInstalls.load(Path.of("infra"));

  /** The stand-in for the install plan: two of four steps reported, then done or failed. */
  void install(String environment, String kubeconfig, Consumer<Progress> progress) {
    progress.accept(
        new Progress(1, 4, "helm install istio-base (istio/base 1.26.3) in istio-system"));
    progress.accept(
        new Progress(2, 4, "helm install istiod (istio/istiod 1.26.3) in istio-system"));
    midway.run();
    installedInto.add(environment + " " + kubeconfig);
    if (installFailure != null) {
      throw installFailure;
    }
  }

  /**
   * The stand-in keeps no objects for server-side applies: each of the learner's access objects in
   * the inner cluster is answered as applied.
   */
  @BeforeEach
  void answerTheLearnersGrants() {
    for (Map<String, Object> object : LearnerAccess.of(INSTALLS.get("bookinfo")).manifests()) {
      server
          .expect()
          .patch()
          .withPath(apiPath(object) + "?fieldManager=meshdojo&force=true")
          .andReturn(200, object)
          .always();
    }
  }

  static String apiPath(Map<String, Object> object) {
    String apiVersion = (String) object.get("apiVersion");
    Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
    String plural = ((String) object.get("kind")).toLowerCase(Locale.ROOT) + "s";
    String group = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    Object namespace = metadata.get("namespace");
    return group
        + (namespace == null ? "" : "/namespaces/" + namespace)
        + "/"
        + plural
        + "/"
        + metadata.get("name");
  }

  /** The inner cluster grants the learner's ServiceAccount a token, once. */
  void expectLearnerToken() {
    server
        .expect()
        .post()
        .withPath(TOKEN_PATH)
        .andReturn(
            201,
            new TokenRequestBuilder()
                .withNewStatus()
                .withToken("learner-token")
                .endStatus()
                .build())
        .once();
  }

  void runInstalls() {
    List<Runnable> taken = List.copyOf(installs);
    installs.clear();
    taken.forEach(Runnable::run);
  }

  static SandboxSession sandbox(String id) {
    SandboxSession s = new SandboxSession();
    s.id = id;
    s.environment = BOOKINFO.name();
    return s;
  }

  static Preparation first(List<ObjectNode> setup) {
    return new Preparation(BOOKINFO, setup, false, false);
  }

  static Preparation again(List<ObjectNode> setup) {
    return new Preparation(BOOKINFO, setup, false, true);
  }

  static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  static JsonNode yaml(String text) throws Exception {
    return new YAMLMapper().readTree(text);
  }

  List<Pod> pods() {
    return client.pods().inNamespace(NAMESPACE).list().getItems();
  }

  Pod podOf(String sandboxId) {
    return pods().stream()
        .filter(p -> sandboxId.equals(p.getMetadata().getLabels().get(WarmPool.SANDBOX_LABEL)))
        .findFirst()
        .orElseThrow();
  }

  void becomeReady(Pod pod) {
    Pod ready =
        new PodBuilder(
                client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).get())
            .withNewStatus()
            .withPhase("Running")
            .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
            .endStatus()
            .build();
    client.pods().inNamespace(NAMESPACE).resource(ready).updateStatus();
  }

  void publishKubeconfig(Pod pod) {
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(SandboxPodTemplate.secretName(pod.getMetadata().getName()))
                .endMetadata()
                .addToData(
                    SandboxPodTemplate.KUBECONFIG_KEY,
                    Base64.getEncoder().encodeToString(KUBECONFIG.getBytes(StandardCharsets.UTF_8)))
                .build())
        .create();
  }

  /** Pod Ready, kubeconfig published, baseline installed: what a sandbox waits for. */
  void bringUp(KubernetesBackend backend, SandboxSession sandbox) {
    Pod pod = podOf(sandbox.id);
    becomeReady(pod);
    publishKubeconfig(pod);
    assertThat(backend.prepare(sandbox, again(List.of()))).isInstanceOf(Working.class);
    runInstalls();
    assertThat(backend.prepare(sandbox, again(List.of()))).isInstanceOf(Done.class);
  }

  @Test
  void aSandboxIsWorkingUntilItsPodIsReadyItsKubeconfigPublishedAndItsBaselineInThenDone() {
    KubernetesBackend backend = backend(0);
    SandboxSession sandbox = sandbox("sandbox-1");
    List<ObjectNode> setup =
        List.of(JsonNodeFactory.instance.objectNode().put("kind", "Namespace"));

    Step created = backend.prepare(sandbox, first(setup));
    assertThat(created).isInstanceOf(Working.class);
    Pod pod = podOf("sandbox-1");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry(WarmPool.POOL_LABEL, WarmPool.CLAIMED)
        .containsEntry(SandboxPodTemplate.ENVIRONMENT_LABEL, "bookinfo");

    assertThat(backend.prepare(sandbox, again(setup)))
        .isInstanceOfSatisfying(
            Working.class, w -> assertThat(w.step()).isEqualTo(KubernetesBackend.STARTING));
    assertThat(backend.serviceKubeconfig(sandbox, "https://svc")).isEmpty();

    becomeReady(pod);
    assertThat(backend.prepare(sandbox, again(setup)))
        .isInstanceOfSatisfying(
            Working.class, w -> assertThat(w.step()).isEqualTo(KubernetesBackend.CONNECTING));

    publishKubeconfig(pod);
    // The pool was empty, so this pod is the sandbox's own: its preparation starts the install.
    assertThat(backend.prepare(sandbox, again(setup)))
        .isInstanceOfSatisfying(
            Working.class, w -> assertThat(w.step()).isEqualTo(Baselines.INSTALL));
    assertThat(backend.prepare(sandbox, again(setup)))
        .as("asking again does not start a second install")
        .isInstanceOf(Working.class);
    assertThat(installs).hasSize(1);

    List<Step> midInstall = new ArrayList<>();
    midway = () -> midInstall.add(backend.prepare(sandbox, again(setup)));
    runInstalls();
    assertThat(installedInto).containsExactly("bookinfo " + KUBECONFIG);
    assertThat(midInstall)
        .singleElement()
        .isInstanceOfSatisfying(
            Working.class,
            w -> {
              assertThat(w.step())
                  .isEqualTo("helm install istiod (istio/istiod 1.26.3) in istio-system");
              assertThat(w.percent()).isEqualTo(50 + 25 * 45 / 100);
            });
    assertThat(setupAppliedWith).as("no lab setup before the baseline is in").isEmpty();

    assertThat(backend.prepare(sandbox, again(setup))).isInstanceOf(Done.class);
    assertThat(setupAppliedWith).containsExactly(KUBECONFIG);
    assertThat(backend.serviceKubeconfig(sandbox, "https://svc")).contains(KUBECONFIG);
    assertThat(backend.lost(sandbox)).isEmpty();
    assertThat(pods()).hasSize(1);
  }

  @Test
  void aWarmPodCountsAsReadyOnlyOnceItsBaselineIsInstalled() {
    KubernetesBackend backend = backend(1);
    backend.maintainPools();
    Pod warm = backend.pool(BOOKINFO).warm().get(0);
    becomeReady(warm);
    backend.maintainPools();
    assertThat(installs).as("no install before the kubeconfig is published").isEmpty();

    publishKubeconfig(warm);
    backend.maintainPools();
    assertThat(installs).as("the scheduled job takes the install").hasSize(1);
    backend.maintainPools();
    assertThat(installs).as("and takes it once").hasSize(1);
    Pod installing = client.pods().inNamespace(NAMESPACE).withName(name(warm)).get();
    assertThat(Baselines.installed(installing)).isFalse();
    assertThat(installing.getMetadata().getAnnotations())
        .containsEntry(Baselines.STATE, Baselines.INSTALLING);

    // A learner arriving now gets the pod furthest along, and waits for its install.
    SandboxSession sandbox = sandbox("early");
    backend.prepare(sandbox, first(List.of()));
    assertThat(name(podOf("early"))).isEqualTo(name(warm));
    assertThat(backend.prepare(sandbox, again(List.of())))
        .isInstanceOfSatisfying(
            Working.class, w -> assertThat(w.step()).isEqualTo(Baselines.INSTALL));
    assertThat(backend.learnerKubeconfig(sandbox, "https://svc")).isEmpty();

    runInstalls();
    assertThat(Baselines.installed(podOf("early"))).isTrue();
    assertThat(backend.prepare(sandbox, again(List.of()))).isInstanceOf(Done.class);
  }

  @Test
  void claimsTakeAWarmPodWithItsBaselineBeforeOneStillInstalling() {
    KubernetesBackend backend = backend(2);
    backend.maintainPools();
    List<Pod> warm = backend.pool(BOOKINFO).warm();
    for (Pod pod : warm) {
      becomeReady(pod);
      publishKubeconfig(pod);
    }
    backend.maintainPools();
    assertThat(installs).hasSize(2);
    // Of two pods started alike, the install of the one claims would otherwise try last ends first.
    String installed = name(backend.pool(BOOKINFO).warm().get(1));
    client
        .pods()
        .inNamespace(NAMESPACE)
        .withName(installed)
        .edit(
            p ->
                new PodBuilder(p)
                    .editMetadata()
                    .addToAnnotations(Baselines.STATE, Baselines.INSTALLED)
                    .endMetadata()
                    .build());

    backend.prepare(sandbox("a"), first(List.of()));

    assertThat(name(podOf("a"))).isEqualTo(installed);
  }

  @Test
  void twoReplicasNeverInstallIntoTheSamePodAndAnInstallUnderWayDoesNotLoseAClaim() {
    backend(1).maintainPools();
    Pod read = pods().get(0);
    Baselines replicaA =
        new Baselines(
            () -> client, NAMESPACE, this::install, installs::add, clock, INSTALL_TIMEOUT);
    Baselines replicaB =
        new Baselines(
            () -> client, NAMESPACE, this::install, installs::add, clock, INSTALL_TIMEOUT);

    assertThat(replicaA.begin(read, KUBECONFIG)).isTrue();
    assertThat(replicaB.begin(read, KUBECONFIG))
        .as("the pod changed since replica B read it: 409 Conflict")
        .isFalse();
    assertThat(installs).hasSize(1);

    // A claim that read the pod before the install noted its progress still gets it.
    WarmPool pool = backend(1).pool(BOOKINFO);
    Pod beforeProgress = client.pods().inNamespace(NAMESPACE).withName(name(read)).get();
    runInstalls();
    assertThat(pool.tryClaim(beforeProgress, "a")).as("stale: 409").isFalse();
    assertThat(pool.claimAmong(List.of(beforeProgress), "a"))
        .hasValueSatisfying(held -> assertThat(held.name()).isEqualTo(name(read)));
    assertThat(podOf("a").getMetadata().getAnnotations())
        .containsEntry(Baselines.STATE, Baselines.INSTALLED);
  }

  @Test
  void aWarmPodWhoseInstallFailedIsReplacedNotHandedOut() {
    KubernetesBackend backend = backend(1);
    backend.maintainPools();
    Pod warm = backend.pool(BOOKINFO).warm().get(0);
    becomeReady(warm);
    publishKubeconfig(warm);
    installFailure = new IllegalStateException("helm exited with 1: chart not found");
    backend.maintainPools();
    runInstalls();
    Pod failed = client.pods().inNamespace(NAMESPACE).withName(name(warm)).get();
    assertThat(failed.getMetadata().getAnnotations())
        .containsEntry(Baselines.STATE, Baselines.FAILED)
        .containsEntry(Baselines.ERROR, "helm exited with 1: chart not found");

    backend.maintainPools();

    assertThat(pods())
        .extracting(KubernetesBackendTest::name)
        .doesNotContain(name(warm))
        .hasSize(1);
    assertThat(
            client
                .secrets()
                .inNamespace(NAMESPACE)
                .withName(SandboxPodTemplate.secretName(name(warm)))
                .get())
        .isNull();
    assertThat(Baselines.installed(pods().get(0))).isFalse();
  }

  @Test
  void aHeldPodWhoseInstallFailsOrStallsFailsThePreparationWithTheReason() {
    KubernetesBackend backend = backend(0);
    SandboxSession sandbox = sandbox("sandbox-1");
    backend.prepare(sandbox, first(List.of()));
    becomeReady(podOf("sandbox-1"));
    publishKubeconfig(podOf("sandbox-1"));
    backend.prepare(sandbox, again(List.of()));
    installFailure = new IllegalStateException("kubectl exited with 1: no route to host");
    runInstalls();

    assertThat(backend.prepare(sandbox, again(List.of())))
        .isInstanceOfSatisfying(
            Failed.class,
            f -> assertThat(f.reason()).isEqualTo("kubectl exited with 1: no route to host"));

    SandboxSession stalled = sandbox("sandbox-2");
    backend.prepare(stalled, first(List.of()));
    becomeReady(podOf("sandbox-2"));
    publishKubeconfig(podOf("sandbox-2"));
    backend.prepare(stalled, again(List.of()));
    installs.clear(); // the replica running it stopped
    assertThat(backend.prepare(stalled, again(List.of()))).isInstanceOf(Working.class);
    clock.advance(INSTALL_TIMEOUT.plusSeconds(1));
    assertThat(backend.prepare(stalled, again(List.of())))
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).contains("did not finish within 20 minutes"));
  }

  @Test
  void theLearnersKubeconfigIsAServiceAccountsTokenAtThePodsServiceNeverTheAdminsOne()
      throws Exception {
    KubernetesBackend backend = backend(0);
    SandboxSession sandbox = sandbox("sandbox-1");
    sandbox.expiresAt = NOW.plus(Duration.ofHours(2));
    backend.prepare(sandbox, first(List.of()));
    bringUp(backend, sandbox);

    Service service =
        client.services().inNamespace(NAMESPACE).withName(name(podOf("sandbox-1")) + "-api").get();
    assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(service.getSpec().getSelector())
        .containsEntry(WarmPool.SANDBOX_LABEL, "sandbox-1")
        .containsEntry(WarmPool.POOL_LABEL, WarmPool.CLAIMED);
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getTargetPort().getIntVal()).isEqualTo(6443));
    assertThat(service.getMetadata().getOwnerReferences())
        .as("Kubernetes deletes it with the pod")
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Pod"))
        .satisfies(o -> assertThat(o.getName()).isEqualTo(name(podOf("sandbox-1"))));

    assertThatThrownBy(() -> backend.learnerKubeconfig(sandbox, "https://svc"))
        .as("no load balancer address yet")
        .isInstanceOfSatisfying(
            WebApplicationException.class,
            e -> assertThat(e.getResponse().getStatus()).isEqualTo(503));

    client
        .services()
        .inNamespace(NAMESPACE)
        .resource(
            new ServiceBuilder(service)
                .withNewStatus()
                .withNewLoadBalancer()
                .addNewIngress()
                .withIp("203.0.113.7")
                .endIngress()
                .endLoadBalancer()
                .endStatus()
                .build())
        .updateStatus();
    expectLearnerToken();

    String kubeconfig = backend.learnerKubeconfig(sandbox, "https://svc").orElseThrow();

    JsonNode root = yaml(kubeconfig);
    assertThat(root.at("/clusters/0/cluster/server").asText())
        .isEqualTo("https://203.0.113.7:6443");
    // k3s's certificate names the pod's IP, not the Service's address.
    assertThat(root.at("/clusters/0/cluster/tls-server-name").asText()).isEqualTo("10.42.0.7");
    assertThat(root.at("/clusters/0/cluster/certificate-authority-data").asText())
        .isEqualTo("SzNTLUNB");
    assertThat(root.at("/users/0/user/token").asText()).isEqualTo("learner-token");
    assertThat(root.at("/users/0/user")).hasSize(1);
    assertThat(root.at("/contexts/0/context/namespace").asText()).isEqualTo("bookinfo");
    assertThat(kubeconfig).doesNotContain("QURNSU4tS0VZ").doesNotContain("QURNSU4tQ0VSVA==");
  }

  @Test
  void aNodePortServiceIsReachedAtTheConfiguredHostAndItsNodePort() throws Exception {
    KubernetesBackend backend =
        backend(
            0,
            new SandboxServices.Settings(
                "NodePort", Optional.of("labs.example.org"), Map.of("team", "dojo")));
    SandboxSession sandbox = sandbox("sandbox-1");
    backend.prepare(sandbox, first(List.of()));
    bringUp(backend, sandbox);
    Service service =
        client.services().inNamespace(NAMESPACE).withName(name(podOf("sandbox-1")) + "-api").get();
    assertThat(service.getMetadata().getAnnotations()).containsEntry("team", "dojo");
    service.getSpec().getPorts().get(0).setNodePort(31443);
    client.services().inNamespace(NAMESPACE).resource(service).update();
    expectLearnerToken();

    JsonNode root = yaml(backend.learnerKubeconfig(sandbox, "https://svc").orElseThrow());

    assertThat(root.at("/clusters/0/cluster/server").asText())
        .isEqualTo("https://labs.example.org:31443");
    assertThatThrownBy(() -> new SandboxServices.Settings("NodePort", Optional.empty(), Map.of()))
        .hasMessageContaining("external-host");
    assertThatThrownBy(() -> new SandboxServices.Settings("Ingress", Optional.empty(), Map.of()))
        .hasMessageContaining("ClusterIP");
  }

  @Test
  void twoSandboxesTakeDifferentWarmPodsAndTheScheduledJobRefillsThePool() {
    KubernetesBackend backend = backend(2);
    backend.maintainPools();
    List<String> warm =
        backend.pool(BOOKINFO).warm().stream().map(p -> p.getMetadata().getName()).toList();
    assertThat(warm).hasSize(2);

    backend.prepare(sandbox("a"), first(List.of()));
    backend.prepare(sandbox("b"), first(List.of()));

    String podA = podOf("a").getMetadata().getName();
    String podB = podOf("b").getMetadata().getName();
    assertThat(podA).isNotEqualTo(podB);
    assertThat(List.of(podA, podB)).containsExactlyInAnyOrderElementsOf(warm);
    assertThat(backend.pool(BOOKINFO).warm()).as("claims do not refill").isEmpty();

    backend.maintainPools();
    assertThat(backend.pool(BOOKINFO).warm()).hasSize(2);
    assertThat(pods()).hasSize(4);
  }

  @Test
  void aLoweredPoolLosesItsSparePodsWithTheirSecretsReadyOnesKeptAndAPoolSetToZeroLosesThemAll() {
    backend(3).maintainPools();
    Pod first = pods().get(0);
    becomeReady(first);
    pods().forEach(this::publishKubeconfig);

    backend(1).maintainPools();
    assertThat(pods())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly(first.getMetadata().getName());
    assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems())
        .as("the spare pods' kubeconfig Secrets go with them")
        .extracting(s -> s.getMetadata().getName())
        .containsExactly(SandboxPodTemplate.secretName(first.getMetadata().getName()));

    KubernetesBackend held = backend(0);
    held.prepare(sandbox("a"), first(List.of()));
    backend(1).maintainPools();
    assertThat(pods()).as("one held by a sandbox, one warm").hasSize(2);
    backend(0).maintainPools();
    assertThat(pods()).as("a held pod is never reaped").hasSize(1);
    assertThat(podOf("a").getMetadata().getName()).isEqualTo(first.getMetadata().getName());
  }

  @Test
  void labsThatMakeTheLearnerClusterAdminAreDeclinedUnlessTheOperatorAllowsThem() {
    LearnerRights admin = new LearnerRights(List.of("istio-system"), true);
    LearnerRights confined = new LearnerRights(List.of("shop"), false);
    SandboxServices.Settings service =
        new SandboxServices.Settings("LoadBalancer", Optional.empty(), Map.of());

    assertThat(backend(0).declines(admin))
        .hasValueSatisfying(
            reason ->
                assertThat(reason).contains("meshdojo.sandbox.kubernetes.cluster-admin-labs"));
    assertThat(backend(0).declines(confined)).isEmpty();
    assertThat(backend(0, service, true).declines(admin)).isEmpty();
  }

  @Test
  void releaseDeletesThePodItsSecretAndItsServiceAndTheSandboxIsThenLost() {
    KubernetesBackend backend = backend(0);
    SandboxSession sandbox = sandbox("sandbox-1");
    backend.prepare(sandbox, first(List.of()));
    bringUp(backend, sandbox);
    assertThat(client.services().inNamespace(NAMESPACE).list().getItems()).hasSize(1);

    backend.release(sandbox);

    assertThat(pods()).isEmpty();
    assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    assertThat(client.services().inNamespace(NAMESPACE).list().getItems())
        .as("the Service goes with its pod")
        .isEmpty();
    assertThat(backend.lost(sandbox)).isPresent();
    assertThat(backend.serviceKubeconfig(sandbox, "https://svc")).isEmpty();
  }

  @Test
  void aPodThatVanishesMidwayFailsThePreparation() {
    KubernetesBackend backend = backend(0);
    SandboxSession sandbox = sandbox("sandbox-1");
    backend.prepare(sandbox, first(List.of()));
    client.pods().inNamespace(NAMESPACE).delete();

    assertThat(backend.prepare(sandbox, again(List.of()))).isInstanceOf(Failed.class);
  }

  @Test
  void aResetReplacesThePodWithAFreshOne() {
    KubernetesBackend backend = backend(0);
    SandboxSession sandbox = sandbox("sandbox-1");
    backend.prepare(sandbox, first(List.of()));
    String before = podOf("sandbox-1").getMetadata().getName();

    backend.prepare(sandbox, new Preparation(BOOKINFO, List.of(), true, false));

    assertThat(pods()).hasSize(1);
    assertThat(podOf("sandbox-1").getMetadata().getName()).isNotEqualTo(before);
  }

  @Test
  void anUnavailableBackendFailsPreparationsAndNeverCallsTheCluster() {
    Supplier<KubernetesClient> noCluster =
        () -> {
          throw new AssertionError("no cluster may be asked");
        };
    KubernetesBackend backend =
        new KubernetesBackend(
            Optional.of("disabled (meshdojo.sandbox.kubernetes.enabled=false)"),
            noCluster,
            NAMESPACE,
            Map.of(),
            SandboxPodTemplateTest.SETTINGS,
            name -> Optional.empty(),
            (kubeconfig, objects) -> {},
            Duration.ofMillis(10),
            new Baselines(
                noCluster,
                NAMESPACE,
                (environment, kubeconfig, progress) -> {},
                installs::add,
                Clock.systemUTC(),
                INSTALL_TIMEOUT),
            new SandboxServices(
                noCluster,
                NAMESPACE,
                new SandboxServices.Settings("LoadBalancer", Optional.empty(), Map.of())),
            new ServiceAccountKubeconfigs(
                environment -> Optional.empty(),
                Optional.empty(),
                Clock.systemUTC(),
                admin -> {
                  throw new AssertionError("no cluster may be asked");
                }),
            lab -> LearnerRights.ENVIRONMENT_ONLY,
            false);
    SandboxSession sandbox = sandbox("sandbox-1");

    assertThat(backend.unavailable())
        .contains("disabled (meshdojo.sandbox.kubernetes.enabled=false)");
    assertThat(backend.prepare(sandbox, first(List.of()))).isInstanceOf(Failed.class);
    assertThatCode(() -> backend.release(sandbox)).doesNotThrowAnyException();
    assertThat(backend.serviceKubeconfig(sandbox, "https://svc")).isEmpty();
    assertThat(backend.learnerKubeconfig(sandbox, "https://svc")).isEmpty();
    assertThat(backend.lost(sandbox)).isEmpty();
    assertThat(installs).isEmpty();
  }
}

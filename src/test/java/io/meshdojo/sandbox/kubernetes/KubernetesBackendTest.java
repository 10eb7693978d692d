package io.meshdojo.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.Environments;
import io.meshdojo.sandbox.SandboxBackend.Done;
import io.meshdojo.sandbox.SandboxBackend.Failed;
import io.meshdojo.sandbox.SandboxBackend.Preparation;
import io.meshdojo.sandbox.SandboxBackend.Step;
import io.meshdojo.sandbox.SandboxBackend.Working;
import io.meshdojo.sandbox.SandboxSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kubernetes backend against fabric8's API server stand-in (CRUD mode); no cluster here. */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendTest {

  static final String NAMESPACE = "sandboxes";
  static final Environment BOOKINFO = Environments.fromClasspath().get("bookinfo");
  static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\n";

  KubernetesMockServer server;
  KubernetesClient client;

  final List<String> setupAppliedWith = new ArrayList<>();

  KubernetesBackend backend(int warm) {
    return new KubernetesBackend(
        Optional.empty(),
        () -> client,
        NAMESPACE,
        Map.of("bookinfo", warm),
        SandboxPodTemplateTest.SETTINGS,
        name -> Optional.of(BOOKINFO).filter(e -> e.name().equals(name)),
        (kubeconfig, objects) -> setupAppliedWith.add(kubeconfig),
        Duration.ofMillis(10));
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

  @Test
  void aSandboxIsWorkingUntilItsPodIsReadyAndItsKubeconfigPublishedThenDone() {
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
    assertThat(setupAppliedWith).isEmpty();

    publishKubeconfig(pod);
    assertThat(backend.prepare(sandbox, again(setup))).isInstanceOf(Done.class);
    assertThat(setupAppliedWith).containsExactly(KUBECONFIG);
    assertThat(backend.serviceKubeconfig(sandbox, "https://svc")).contains(KUBECONFIG);
    assertThat(backend.learnerKubeconfig(sandbox, "https://svc")).contains(KUBECONFIG);
    assertThat(backend.lost(sandbox)).isEmpty();
    assertThat(pods()).hasSize(1);
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
  void aLoweredPoolLosesItsSparePodsReadyOnesKeptAndAPoolSetToZeroLosesThemAll() {
    backend(3).maintainPools();
    Pod first = pods().get(0);
    becomeReady(first);

    backend(1).maintainPools();
    assertThat(pods())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly(first.getMetadata().getName());

    KubernetesBackend held = backend(0);
    held.prepare(sandbox("a"), first(List.of()));
    backend(1).maintainPools();
    assertThat(pods()).as("one held by a sandbox, one warm").hasSize(2);
    backend(0).maintainPools();
    assertThat(pods()).as("a held pod is never reaped").hasSize(1);
    assertThat(podOf("a").getMetadata().getName()).isEqualTo(first.getMetadata().getName());
  }

  @Test
  void releaseDeletesThePodAndItsSecretAndTheSandboxIsThenLost() {
    KubernetesBackend backend = backend(0);
    SandboxSession sandbox = sandbox("sandbox-1");
    backend.prepare(sandbox, first(List.of()));
    Pod pod = podOf("sandbox-1");
    becomeReady(pod);
    publishKubeconfig(pod);
    assertThat(backend.prepare(sandbox, again(List.of()))).isInstanceOf(Done.class);

    backend.release(sandbox);

    assertThat(pods()).isEmpty();
    assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
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
    KubernetesBackend backend =
        new KubernetesBackend(
            Optional.of("disabled (meshdojo.sandbox.kubernetes.enabled=false)"),
            () -> {
              throw new AssertionError("no cluster may be asked");
            },
            NAMESPACE,
            Map.of(),
            SandboxPodTemplateTest.SETTINGS,
            name -> Optional.empty(),
            (kubeconfig, objects) -> {},
            Duration.ofMillis(10));
    SandboxSession sandbox = sandbox("sandbox-1");

    assertThat(backend.unavailable())
        .contains("disabled (meshdojo.sandbox.kubernetes.enabled=false)");
    assertThat(backend.prepare(sandbox, first(List.of()))).isInstanceOf(Failed.class);
    assertThatCode(() -> backend.release(sandbox)).doesNotThrowAnyException();
    assertThat(backend.serviceKubeconfig(sandbox, "https://svc")).isEmpty();
    assertThat(backend.lost(sandbox)).isEmpty();
  }
}

package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded sandbox's controllers, through the real kubectl: Deployments get ReplicaSets and
 * Pods, scale, roll out and are collected; Pods get sidecars as Istio's webhook would and say they
 * are simulated; Slime's SmartLimiter renders its status and EnvoyFilter.
 */
@QuarkusTest
class ControllersKubectlTest {

  private static final String POD_NAME =
      "[a-z0-9-]+-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}";

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private static String ok(Kubectl.Result r) {
    assertThat(r.exit()).as(r.all()).isZero();
    return r.out();
  }

  private static List<String> names(Kubectl k, String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-o";
    all[args.length + 1] = "name";
    return ok(k.run(all)).lines().filter(l -> !l.isBlank()).toList();
  }

  /** {@code kubectl get OBJECT... -n NAMESPACE -o jsonpath=PATH}'s output. */
  private static String jsonpath(Kubectl k, String namespace, String path, String... object)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("get"));
    args.addAll(List.of(object));
    args.addAll(List.of("-n", namespace, "-o", "jsonpath=" + path));
    return ok(k.run(args.toArray(String[]::new)));
  }

  @Test
  void aCreatedDeploymentScalesAndIsCollected() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    ok(k.run("create", "deployment", "web", "--image=nginx:1.27", "-n", "default"));
    List<String> pods = names(k, "get", "pods", "-n", "default", "-l", "app=web");
    assertThat(pods).hasSize(1);
    assertThat(pods.get(0)).matches("pod/" + POD_NAME);
    // default has no injection label: the pod keeps its one container
    assertThat(
            jsonpath(k, "default", "{.items[0].spec.containers[*].name}", "pods", "-l", "app=web"))
        .isEqualTo("nginx");
    assertThat(names(k, "get", "rs", "-n", "default", "-l", "app=web")).hasSize(1);

    ok(k.run("scale", "deployment/web", "--replicas=3", "-n", "default"));
    assertThat(names(k, "get", "pods", "-n", "default", "-l", "app=web")).hasSize(3);
    assertThat(ok(k.run("get", "deploy", "web", "-n", "default"))).contains("3/3");
    ok(k.run("scale", "deployment/web", "--replicas=1", "-n", "default"));
    List<String> one = names(k, "get", "pods", "-n", "default", "-l", "app=web");
    assertThat(one).hasSize(1);

    ok(k.run("delete", one.get(0), "-n", "default"));
    List<String> replaced = names(k, "get", "pods", "-n", "default", "-l", "app=web");
    assertThat(replaced).hasSize(1).doesNotContain(one.get(0));

    ok(k.run("delete", "deployment", "web", "-n", "default"));
    assertThat(names(k, "get", "rs,pods", "-n", "default", "-l", "app=web")).isEmpty();
  }

  @Test
  void rolloutRestartReplacesPodsAndFinishes() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    List<String> before = names(k, "get", "pods", "-n", "bookinfo", "-l", "app=reviews,version=v1");
    assertThat(before).hasSize(1);
    assertThat(ok(k.run("rollout", "restart", "deployment/reviews-v1", "-n", "bookinfo")))
        .contains("restarted");
    List<String> after = names(k, "get", "pods", "-n", "bookinfo", "-l", "app=reviews,version=v1");
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
    assertThat(
            ok(
                k.run(
                    "rollout",
                    "status",
                    "deployment/reviews-v1",
                    "-n",
                    "bookinfo",
                    "--timeout=20s")))
        .contains("successfully rolled out");
    assertThat(ok(k.run("rollout", "history", "deployment/reviews-v1", "-n", "bookinfo")))
        .containsPattern("(?m)^1\\s")
        .containsPattern("(?m)^2\\s");
    // the old ReplicaSet is kept, scaled to zero
    assertThat(names(k, "get", "rs", "-n", "bookinfo", "-l", "app=reviews,version=v1")).hasSize(2);

    ok(k.run("rollout", "undo", "deployment/reviews-v1", "-n", "bookinfo"));
    List<String> undone = names(k, "get", "pods", "-n", "bookinfo", "-l", "app=reviews,version=v1");
    assertThat(undone).hasSize(1);
    String firstReplicaSet = before.get(0).substring(0, before.get(0).lastIndexOf('-'));
    assertThat(undone.get(0)).startsWith(firstReplicaSet + "-");
    assertThat(ok(k.run("rollout", "history", "deployment/reviews-v1", "-n", "bookinfo")))
        .containsPattern("(?m)^3\\s");
  }

  @Test
  void podsAndEventsSayTheyAreSimulated() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String pods = ok(k.run("get", "pods", "-n", "bookinfo"));
    assertThat(pods.lines().filter(l -> l.contains("2/2") && l.contains("Running")).count())
        .isEqualTo(6);
    String describe = ok(k.run("describe", "pod", "-n", "bookinfo", "-l", "app=ratings"));
    assertThat(describe)
        .contains("meshdojo.io/simulated: true")
        .contains("Simulated by Mesh Dojo's model")
        .contains("simulated://")
        .contains("docker.io/istio/proxyv2:1.26.3")
        .contains("Scheduled")
        .contains("no image was pulled");
    String events = ok(k.run("get", "events", "-n", "bookinfo"));
    assertThat(events).contains("Scheduled").contains("Started").contains("ScalingReplicaSet");
    assertThat(events).contains("Simulated containers");
  }

  @Test
  void injectionFollowsLabelsAndRevisions() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    ok(k.run("create", "namespace", "canary-apps"));
    ok(k.run("label", "namespace", "canary-apps", "istio.io/rev=canary"));
    ok(k.run("create", "deployment", "shop", "--image=nginx:1.27", "-n", "canary-apps"));
    String containers = "{.items[0].spec.containers[*].name}";
    assertThat(jsonpath(k, "canary-apps", containers, "pods")).isEqualTo("nginx");
    assertThat(ok(k.run("get", "events", "-n", "canary-apps")))
        .contains("SidecarNotInjected")
        .contains("revision \"canary\"");

    ok(
        k.apply(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: istiod-canary
              namespace: istio-system
              labels: {app: istiod, istio.io/rev: canary}
            spec:
              selector:
                matchLabels: {app: istiod, istio.io/rev: canary}
              template:
                metadata:
                  labels: {app: istiod, istio.io/rev: canary}
                spec:
                  containers:
                  - name: discovery
                    image: docker.io/istio/pilot:1.27.1
            """));
    ok(k.run("delete", "pods", "--all", "-n", "canary-apps"));
    assertThat(jsonpath(k, "canary-apps", containers, "pods")).isEqualTo("nginx istio-proxy");
    assertThat(jsonpath(k, "canary-apps", "{.items[0].spec.containers[1].image}", "pods"))
        .isEqualTo("docker.io/istio/proxyv2:1.27.1");

    // a pod label opts out in an injected namespace; a bare pod is kept as created, injected
    ok(
        k.run(
            "run",
            "plain",
            "--image=nginx:1.27",
            "-n",
            "bookinfo",
            "--labels=sidecar.istio.io/inject=false"));
    ok(k.run("run", "bare", "--image=nginx:1.27", "-n", "bookinfo"));
    assertThat(jsonpath(k, "bookinfo", "{.spec.containers[*].name}", "pod", "plain"))
        .isEqualTo("plain");
    assertThat(jsonpath(k, "bookinfo", "{.spec.containers[*].name}", "pod", "bare"))
        .isEqualTo("bare istio-proxy");
    assertThat(ok(k.run("get", "pod", "bare", "-n", "bookinfo")))
        .contains("2/2")
        .contains("Running");
  }

  @Test
  void aWatchSeesTheControllersPods() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    ok(k.run("run", "first", "--image=nginx:1.27", "-n", "default"));
    Path out = k.dir.resolve("watch.txt");
    Process watch = k.start(out, "get", "pods", "-n", "default", "-w");
    try {
      // the watch has listed what is there, and now watches
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(Files.readString(out)).contains("first"));
      ok(
          k.run(
              "create",
              "deployment",
              "watched",
              "--image=nginx:1.27",
              "--replicas=2",
              "-n",
              "default"));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(
                          Files.readString(out)
                              .lines()
                              .filter(l -> l.startsWith("watched-"))
                              .map(l -> l.split("\\s+")[0])
                              .distinct())
                      .hasSize(2));
    } finally {
      watch.destroy();
      watch.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void smartLimiterRendersStatusAndItsEnvoyFilter() throws Exception {
    Kubectl k = Kubectl.forNewSession("slime-smartlimiter");
    ok(k.run("apply", "-f", "labs/slime-smartlimiter/solution/reviews-smartlimiter.yaml"));
    String sl = "smartlimiter/reviews";
    assertThat(jsonpath(k, "bookinfo", "{.status.metricStatus._base\\.pod}", sl)).isEqualTo("3");
    assertThat(
            jsonpath(
                k, "bookinfo", "{.status.ratelimitStatus._base.descriptor[0].action.quota}", sl))
        .isEqualTo("10");
    String filter = "envoyfilter/reviews.bookinfo.ratelimit";
    assertThat(jsonpath(k, "bookinfo", "{.metadata.ownerReferences[0].kind}", filter))
        .isEqualTo("SmartLimiter");
    String tokens =
        "{.spec.configPatches[1].patch.value.typed_per_filter_config.envoy\\.filters\\.http\\.local_ratelimit.value.descriptors[0].token_bucket.max_tokens}";
    assertThat(jsonpath(k, "bookinfo", tokens, filter)).isEqualTo("10");

    // a fourth reviews pod: 30/4 rounds up to 8 per pod
    ok(k.run("scale", "deployment/reviews-v1", "--replicas=2", "-n", "bookinfo"));
    assertThat(jsonpath(k, "bookinfo", "{.status.metricStatus._base\\.pod}", sl)).isEqualTo("4");
    assertThat(jsonpath(k, "bookinfo", tokens, filter)).isEqualTo("8");

    // a quota Slime cannot evaluate: no filter, and the status says why
    ok(
        k.run(
            "patch",
            sl,
            "-n",
            "bookinfo",
            "--type=json",
            "-p",
            "[{\"op\":\"replace\",\"path\":\"/spec/sets/_base/descriptor/0/action/quota\",\"value\":\"thirty\"}]"));
    assertThat(jsonpath(k, "bookinfo", "{.status.message}", sl))
        .contains("invalid")
        .contains("thirty");
    assertThat(names(k, "get", "envoyfilters", "-n", "bookinfo")).isEmpty();

    ok(k.run("apply", "-f", "labs/slime-smartlimiter/solution/reviews-smartlimiter.yaml"));
    assertThat(names(k, "get", "envoyfilters", "-n", "bookinfo")).hasSize(1);
    ok(k.run("delete", sl, "-n", "bookinfo"));
    assertThat(names(k, "get", "envoyfilters", "-n", "bookinfo")).isEmpty();
  }
}

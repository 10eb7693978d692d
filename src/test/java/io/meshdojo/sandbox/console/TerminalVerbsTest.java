package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleClient.Ran;
import io.meshdojo.sandbox.console.ConsoleClient.Terminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The terminal's kubectl beyond get/apply (global flags anywhere, templates, workload verbs) and
 * its istioctl, through the WebSocket console on an embedded sandbox, checked where it matters
 * against the real kubectl on the same sandbox.
 */
@QuarkusTest
class TerminalVerbsTest {

  @TestHTTPResource("/")
  URL root;

  private record Sandbox(String user, String session, Terminal terminal) {}

  private Sandbox sandbox() throws Exception {
    String user = Kubectl.newLearner();
    String session = Kubectl.startSession(user, "request-routing");
    Terminal t = ConsoleClient.connect(root, user, session, "en");
    t.next();
    return new Sandbox(user, session, t);
  }

  /** A Deployment's field as the real kubectl reads it from the sandbox's API. */
  private static String field(Kubectl kubectl, String namespace, String deployment, String path)
      throws Exception {
    return kubectl
        .run("get", "deploy", deployment, "-n", namespace, "-o", "jsonpath={" + path + "}")
        .out();
  }

  private static String solution() throws Exception {
    return Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml"));
  }

  @Test
  void globalFlagsAnywhereAndTemplatesPrintWhatKubectlPrints() throws Exception {
    Terminal t = sandbox().terminal();
    assertThat(t.run("kubectl apply -f -", solution()).code()).isZero();

    assertThat(t.run("kubectl -n bookinfo get vs -o name", null))
        .isEqualTo(new Ran("virtualservice.networking.istio.io/reviews\n", 0));
    assertThat(t.run("kubectl get destinationrules,virtualservices -nbookinfo -o name", null))
        .isEqualTo(
            new Ran(
                "destinationrule.networking.istio.io/reviews\n"
                    + "virtualservice.networking.istio.io/reviews\n",
                0));
    assertThat(t.run("kubectl get dr/reviews vs/reviews --namespace=bookinfo -o name", null).code())
        .isZero();

    assertThat(
            t.run("kubectl get dr reviews -n bookinfo -o jsonpath='{.spec.subsets[*].name}'", null))
        .isEqualTo(new Ran("v1 v2 v3", 0));
    assertThat(
            t.run(
                "kubectl get dr -n bookinfo -o"
                    + " jsonpath='{range .items[*]}{.metadata.name}:{.spec.host}{\"\\n\"}{end}'",
                null))
        .isEqualTo(new Ran("reviews:reviews\n", 0));
    assertThat(
            t.run(
                "kubectl get dr reviews -n bookinfo -o"
                    + " jsonpath='{.spec.subsets[?(@.name==\"v2\")].labels.version}'",
                null))
        .isEqualTo(new Ran("v2", 0));
    assertThat(
            t.run(
                "kubectl get dr -n bookinfo -o custom-columns=NAME:.metadata.name,HOST:.spec.host",
                null))
        .isEqualTo(new Ran("NAME      HOST\nreviews   reviews\n", 0));

    Ran labels = t.run("kubectl get deploy reviews-v2 -n bookinfo --show-labels", null);
    assertThat(labels.text().lines().findFirst().orElseThrow()).endsWith("LABELS");
    assertThat(labels.text()).contains("app=reviews,version=v2");
  }

  @Test
  void getWatchPrintsWhatChangesForABoundedTimeAndSaysSo() throws Exception {
    Sandbox s = sandbox();
    Terminal t = s.terminal();
    t.socket
        .sendText(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(
                    java.util.Map.of("type", "command", "line", "kubectl get vs -n bookinfo -w")),
            true)
        .get(ConsoleClient.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(t.next().path("text").asText())
        .isEqualTo("No resources found in bookinfo namespace.\n");

    // Another client (the learner's own kubectl) changes the sandbox while the terminal watches.
    assertThat(Kubectl.forSession(s.user(), s.session()).apply(solution()).exit()).isZero();

    StringBuilder printed = new StringBuilder();
    com.fasterxml.jackson.databind.JsonNode frame;
    while (!(frame = t.next()).path("type").asText().equals("exit")) {
      printed.append(frame.path("text").asText());
    }
    assertThat(frame.path("code").asInt()).isZero();
    assertThat(printed.toString())
        .containsPattern("(?m)^reviews +\\[\"reviews\"\\] +\\S+$")
        .doesNotContain("NAME")
        .endsWith(
            "(-w: this terminal watches for 10 s and stops; your own kubectl -w with the"
                + " kubeconfig download follows changes for as long as you like.)\n");
  }

  @Test
  void labelAnnotateScaleRolloutAndCreateWriteWhatTheRealKubectlThenReads() throws Exception {
    Sandbox s = sandbox();
    Terminal t = s.terminal();
    Kubectl kubectl = Kubectl.forSession(s.user(), s.session());

    assertThat(t.run("kubectl label deploy reviews-v1 -n bookinfo team=blue", null))
        .isEqualTo(new Ran("deployment.apps/reviews-v1 labeled\n", 0));
    assertThat(t.run("kubectl label deploy reviews-v1 -n bookinfo team=red", null))
        .isEqualTo(
            new Ran("error: 'team' already has a value (blue), and --overwrite is false\n", 1));
    assertThat(t.run("kubectl label deploy/reviews-v1 -n bookinfo team=red --overwrite", null))
        .isEqualTo(new Ran("deployment.apps/reviews-v1 labeled\n", 0));
    assertThat(field(kubectl, "bookinfo", "reviews-v1", ".metadata.labels.team")).isEqualTo("red");
    assertThat(t.run("kubectl label deploy/reviews-v1 -n bookinfo team-", null))
        .isEqualTo(new Ran("deployment.apps/reviews-v1 labeled\n", 0));
    assertThat(t.run("kubectl label deploy/reviews-v1 -n bookinfo team-", null))
        .isEqualTo(new Ran("deployment.apps/reviews-v1 not labeled\n", 0));

    assertThat(t.run("kubectl annotate ns bookinfo owner=dojo", null))
        .isEqualTo(new Ran("namespace/bookinfo annotated\n", 0));

    assertThat(t.run("kubectl scale deploy/reviews-v2 -n bookinfo --replicas=2", null))
        .isEqualTo(new Ran("deployment.apps/reviews-v2 scaled\n", 0));
    assertThat(field(kubectl, "bookinfo", "reviews-v2", ".spec.replicas")).isEqualTo("2");
    assertThat(t.run("kubectl scale svc/reviews -n bookinfo --replicas=2", null).text())
        .startsWith("error: no scaler has been implemented for");

    assertThat(t.run("kubectl rollout restart deploy/ratings-v1 -n bookinfo", null))
        .isEqualTo(new Ran("deployment.apps/ratings-v1 restarted\n", 0));
    assertThat(field(kubectl, "bookinfo", "ratings-v1", ".spec.template.metadata.annotations"))
        .contains("kubectl.kubernetes.io/restartedAt");
    Ran status = t.run("kubectl rollout status deployment/ratings-v1 -n bookinfo", null);
    assertThat(status.code()).isZero();
    assertThat(status.text()).startsWith("deployment \"ratings-v1\" ").endsWith("\n");

    assertThat(t.run("kubectl create namespace demo", null))
        .isEqualTo(new Ran("namespace/demo created\n", 0));
    // Without a name, as kubectl: every Deployment of the namespace, and an error for none.
    assertThat(t.run("kubectl -n demo rollout restart deployment", null))
        .isEqualTo(new Ran("error: no objects passed to restart\n", 1));
    Ran all = t.run("kubectl -n bookinfo rollout restart deployment", null);
    assertThat(all.code()).isZero();
    assertThat(all.text())
        .contains("deployment.apps/details-v1 restarted\n")
        .contains("deployment.apps/reviews-v3 restarted\n");
    assertThat(field(kubectl, "bookinfo", "details-v1", ".spec.template.metadata.annotations"))
        .contains("kubectl.kubernetes.io/restartedAt");
    assertThat(t.run("kubectl create deployment sleep -n demo --image=curlimages/curl:8.8.0", null))
        .isEqualTo(new Ran("deployment.apps/sleep created\n", 0));
    assertThat(field(kubectl, "demo", "sleep", ".spec.template.spec.containers[0].name"))
        .isEqualTo("curl");
    assertThat(t.run("kubectl create namespace demo", null))
        .isEqualTo(
            new Ran("Error from server (AlreadyExists): namespaces \"demo\" already exists\n", 1));
  }

  @Test
  void editHandsTheObjectToTheEditorAndExecAndLogsAnswerFromTheSimulatedPods() throws Exception {
    Terminal t = sandbox().terminal();
    assertThat(t.run("kubectl apply -f -", solution()).code()).isZero();
    String meshAccessLogs =
        Files.readString(Path.of("src/test/resources/telemetry/mesh-access-logs.yaml"));
    assertThat(t.run("kubectl apply -f -", meshAccessLogs).code()).isZero();

    Ran edit = t.run("kubectl edit vs reviews -n bookinfo", null);
    assertThat(edit.code()).isZero();
    assertThat(edit.text())
        .startsWith(
            "virtualservice.networking.istio.io/reviews is open in the Editor tab: change it there"
                + " and press Apply to save it.\n<edit>apiVersion: networking.istio.io/v1\nkind: VirtualService\n")
        .doesNotContain("resourceVersion")
        .endsWith("</edit>");

    Ran exec =
        t.run(
            "kubectl exec deploy/ratings-v1 -n bookinfo -c ratings -- curl -s"
                + " http://reviews:9080/reviews/0",
            null);
    assertThat(exec.code()).isZero();
    assertThat(exec.text()).contains("\"podname\"").contains("reviews-v1-");
    assertThat(t.run("kubectl exec deploy/ratings-v1 -n bookinfo -c nope -- ls", null).text())
        .matches("error: container nope is not valid for pod ratings-v1-[a-z0-9-]+\n");
    Ran logs = t.run("kubectl logs deploy/reviews-v1 -n bookinfo -c istio-proxy --tail=5", null);
    assertThat(logs.code()).isZero();
    assertThat(logs.text()).contains("GET /reviews/0").contains("inbound|9080||");
    assertThat(t.run("kubectl logs nosuchpod -n bookinfo", null))
        .isEqualTo(new Ran("Error from server (NotFound): pods \"nosuchpod\" not found\n", 1));
  }

  @Test
  void istioctlAnalyzeReportsAMissingSubsetAsIst0101() throws Exception {
    Terminal t = sandbox().terminal();
    assertThat(t.run("istioctl analyze -n bookinfo", null))
        .isEqualTo(
            new Ran("\u2714 No validation issues found when analyzing namespace: bookinfo.\n", 0));

    String onlyTheRoutes = solution().substring(solution().indexOf("---") + 4);
    assertThat(t.run("kubectl apply -f -", onlyTheRoutes).code()).isZero();
    Ran analyzed = t.run("istioctl analyze -n bookinfo", null);
    assertThat(analyzed.code()).isEqualTo(IstioctlConsole.ANALYZERS_FOUND_ISSUES);
    assertThat(analyzed.text())
        .contains(
            "Error [IST0101] (VirtualService bookinfo/reviews) Referenced host+subset in"
                + " destinationrule not found: \"reviews+v2\"\n")
        .endsWith(
            "Error: Analyzers found issues when analyzing namespace: bookinfo.\n"
                + "See https://istio.io/v1.26/docs/reference/config/analysis for more information"
                + " about causes and resolutions.\n");

    Ran yaml = t.run("istioctl analyze -n bookinfo -o yaml", null);
    assertThat(yaml.code()).isZero();
    assertThat(yaml.text())
        .contains("code: IST0101")
        .contains("origin: VirtualService bookinfo/reviews");
    assertThat(t.run("istioctl analyze -n default", null).text())
        .isEqualTo("\u2714 No validation issues found when analyzing namespace: default.\n");
    assertThat(t.run("istioctl analyze -n nowhere", null))
        .isEqualTo(new Ran("namespace \"nowhere\" not found\n", 0));

    assertThat(t.run("kubectl apply -f -", solution()).code()).isZero();
    assertThat(t.run("istioctl analyze -n bookinfo", null).code()).isZero();
  }

  @Test
  void istioctlProxyTablesVersionAndDescribeComeFromTheModel() throws Exception {
    Terminal t = sandbox().terminal();
    assertThat(t.run("kubectl apply -f -", solution()).code()).isZero();
    String pod =
        t.run(
                "kubectl get pods -n bookinfo -l app=reviews,version=v2 -o jsonpath={.items[0].metadata.name}",
                null)
            .text();
    assertThat(pod).startsWith("reviews-v2-");

    Ran version = t.run("istioctl version", null);
    assertThat(version.text())
        .startsWith("client version: 1.26.3 (Mesh Dojo's terminal")
        .contains("control plane version: 1.26.3\n")
        .contains("data plane version: 1.26.3 (");

    Ran status = t.run("istioctl proxy-status", null);
    assertThat(status.text().lines().findFirst().orElseThrow())
        .matches("NAME +CLUSTER +CDS +LDS +EDS +RDS +ECDS +ISTIOD +VERSION");
    assertThat(status.text()).contains(pod + ".bookinfo");

    Ran clusters = t.run("istioctl proxy-config clusters " + pod + ".bookinfo", null);
    assertThat(clusters.text().lines().findFirst().orElseThrow())
        .matches("SERVICE FQDN +PORT +SUBSET +DIRECTION +TYPE +DESTINATION RULE");
    assertThat(clusters.text())
        .containsPattern(
            "reviews\\.bookinfo\\.svc\\.cluster\\.local +9080 +v2 +outbound +EDS +reviews\\.bookinfo");

    Ran routes = t.run("istioctl pc routes " + pod + " -n bookinfo", null);
    assertThat(routes.text().lines().findFirst().orElseThrow())
        .matches("NAME +VHOST NAME +DOMAINS +MATCH +VIRTUAL SERVICE");
    assertThat(routes.text())
        .containsPattern(
            "9080 +reviews\\.bookinfo\\.svc\\.cluster\\.local:9080 .* reviews\\.bookinfo");

    Ran endpoints = t.run("istioctl proxy-config endpoints " + pod + ".bookinfo", null);
    assertThat(endpoints.text())
        .containsPattern(
            "HEALTHY +OK +outbound\\|9080\\|v2\\|reviews\\.bookinfo\\.svc\\.cluster\\.local");
    Ran json = t.run("istioctl proxy-config clusters " + pod + ".bookinfo -o json", null);
    assertThat(json.text())
        .contains("\"name\" : \"outbound|9080|v2|reviews.bookinfo.svc.cluster.local\"");
    assertThat(t.run("istioctl proxy-config listeners " + pod + ".bookinfo", null).text())
        .startsWith("ADDRESSES");
    // A Sidecar narrows what the proxy holds, as the grader's model computes it.
    String reviewsSidecar =
        """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          workloadSelector: {labels: {app: reviews}}
          egress:
          - hosts: ["./ratings.bookinfo.svc.cluster.local", "istio-system/*"]
        """;
    assertThat(t.run("kubectl apply -f -", reviewsSidecar).code()).isZero();
    Ran scoped = t.run("istioctl proxy-config clusters " + pod + ".bookinfo", null);
    assertThat(scoped.text())
        .contains("ratings.bookinfo.svc.cluster.local")
        .contains("istiod.istio-system.svc.cluster.local")
        .doesNotContain("details.bookinfo.svc.cluster.local")
        .doesNotContain("productpage.bookinfo.svc.cluster.local");
    assertThat(t.run("kubectl delete sidecar reviews -n bookinfo", null).code()).isZero();

    Ran described = t.run("istioctl x describe pod " + pod + " -n bookinfo", null);
    assertThat(described.text())
        .startsWith("Pod: " + pod + "\n")
        .contains("Service: reviews\n")
        .contains("DestinationRule: reviews for \"reviews\"\n   Matching subsets: v2\n")
        .contains("VirtualService: reviews\n")
        .contains("Workload mTLS mode: PERMISSIVE\n");

    assertThat(t.run("istioctl pc routes nosuchpod.bookinfo", null))
        .isEqualTo(new Ran("Error: pods \"nosuchpod\" not found\n", 1));
    Ran unknown = t.run("istioctl analyze --frob", null);
    assertThat(unknown.code()).isEqualTo(64);
    assertThat(unknown.text()).startsWith("Error: unknown flag: --frob\n");
    assertThat(List.of(t.run("istioctl frob", null).code())).containsExactly(64);
  }
}

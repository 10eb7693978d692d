package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.console.ConsoleRequest.Invalid;
import io.meshdojo.sandbox.console.ConsoleRequest.Refusal;
import io.meshdojo.sandbox.console.ConsoleRequest.Refused;
import io.meshdojo.sandbox.console.ConsoleRequest.Run;
import io.meshdojo.sandbox.console.KubectlCommand.Output;
import io.meshdojo.sandbox.console.KubectlCommand.Verb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

  private static KubectlCommand run(String line) {
    ConsoleRequest request = CommandParser.parse(line);
    assertThat(request).as(line).isInstanceOf(Run.class);
    return ((Run) request).command();
  }

  private static String invalid(String line) {
    ConsoleRequest request = CommandParser.parse(line);
    assertThat(request).as(line).isInstanceOf(Invalid.class);
    return ((Invalid) request).message();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kubectl get vs -n bookinfo",
        "k get vs -n bookinfo",
        "get vs -n bookinfo",
        "kubectl get vs --namespace bookinfo",
        "kubectl get vs --namespace=bookinfo",
        "kubectl get -nbookinfo vs",
        "kubectl get vs -n=bookinfo",
        "kubectl -n bookinfo get vs",
        "kubectl --namespace=bookinfo get vs",
        "kubectl -nbookinfo get vs",
        "k --namespace bookinfo get vs"
      })
  void theLeadingKubectlIsOptionalAndFlagsTakeEverySpelling(String line) {
    assertThat(run(line))
        .isEqualTo(
            new KubectlCommand(
                Verb.GET, List.of("vs"), "bookinfo", false, Output.TABLE, null, false));
  }

  @Test
  void readsOutputSelectorAndAllNamespaces() {
    KubectlCommand c = run("kubectl get pods,svc -A -oyaml -l app=reviews");
    assertThat(c.args()).containsExactly("pods,svc");
    assertThat(c.allNamespaces()).isTrue();
    assertThat(c.output()).isEqualTo(Output.YAML);
    assertThat(c.selector()).isEqualTo("app=reviews");
    assertThat(run("get vs --all-namespaces -o wide").output()).isEqualTo(Output.WIDE);
    assertThat(run("get vs --output=json").output()).isEqualTo(Output.JSON);
    assertThat(run("get vs -o name").output()).isEqualTo(Output.NAME);
    assertThat(run("get vs/reviews dr/reviews").args()).containsExactly("vs/reviews", "dr/reviews");
  }

  @Test
  void applyAndDeleteReadTheEditorWithDashF() {
    KubectlCommand apply = run("kubectl apply -f -");
    assertThat(apply.verb()).isEqualTo(Verb.APPLY);
    assertThat(apply.fromStdin()).isTrue();
    assertThat(run("kubectl apply --filename=-").fromStdin()).isTrue();
    assertThat(invalid("kubectl delete -f - -n bookinfo"))
        .isEqualTo("error: -n does not go with -f -: give each document its metadata.namespace");
    assertThat(invalid("kubectl apply -f - -n bookinfo"))
        .isEqualTo("error: -n does not go with -f -: give each document its metadata.namespace");
    KubectlCommand delete = run("kubectl delete -f -");
    assertThat(delete.fromStdin()).isTrue();
    assertThat(delete.args()).isEmpty();
    KubectlCommand byName = run("k delete vs reviews ratings -n bookinfo");
    assertThat(byName.args()).containsExactly("vs", "reviews", "ratings");
    assertThat(byName.fromStdin()).isFalse();
    assertThat(run("delete vs/reviews").args()).containsExactly("vs/reviews");
  }

  @Test
  void explainDescribeAndApiResources() {
    assertThat(run("kubectl explain vs.spec.http").args()).containsExactly("vs.spec.http");
    assertThat(run("kubectl describe dr reviews -n bookinfo").verb()).isEqualTo(Verb.DESCRIBE);
    assertThat(run("kubectl api-resources").verb()).isEqualTo(Verb.API_RESOURCES);
  }

  @Test
  void helpClearAndBlank() {
    for (String line :
        List.of("help", "kubectl", "kubectl help", "k --help", "get pods -h", "--help")) {
      assertThat(CommandParser.parse(line)).as(line).isInstanceOf(ConsoleRequest.Help.class);
    }
    assertThat(CommandParser.parse("clear")).isInstanceOf(ConsoleRequest.Clear.class);
    assertThat(CommandParser.parse("   ")).isInstanceOf(ConsoleRequest.Blank.class);
  }

  @Test
  void mistakesGetKubectlsWords() {
    assertThat(invalid("kubectl frobnicate pods"))
        .isEqualTo("error: unknown command \"frobnicate\" for \"kubectl\"");
    assertThat(invalid("kubectl get pods --frobnicate"))
        .isEqualTo("error: unknown flag: --frobnicate");
    assertThat(invalid("kubectl get pods -z"))
        .isEqualTo("error: unknown shorthand flag: 'z' in -z");
    assertThat(invalid("kubectl -A get pods"))
        .isEqualTo("error: unknown shorthand flag: 'A' in -A");
    assertThat(invalid("kubectl get pods -Ax"))
        .isEqualTo("error: unknown shorthand flag: 'x' in -Ax");
    assertThat(invalid("kubectl get pods -n"))
        .isEqualTo("error: flag needs an argument: 'n' in -n");
    assertThat(invalid("kubectl get pods --namespace"))
        .isEqualTo("error: flag needs an argument: --namespace");
    assertThat(invalid("kubectl get pods -o table"))
        .startsWith("error: unable to match a printer suitable for the output format \"table\"");
    assertThat(invalid("kubectl get"))
        .startsWith("error: You must specify the type of resource to get.");
    assertThat(invalid("kubectl describe"))
        .startsWith("error: You must specify the type of resource to describe.");
    assertThat(invalid("kubectl explain"))
        .startsWith("error: You must specify the type of resource to explain.");
    assertThat(invalid("kubectl explain vs dr"))
        .isEqualTo("error: We accept only this format: explain RESOURCE");
    assertThat(invalid("kubectl apply")).isEqualTo("error: must specify one of -f and -k");
    assertThat(invalid("kubectl apply -f - vs")).startsWith("error: Unexpected args");
    assertThat(invalid("kubectl delete vs"))
        .isEqualTo("error: resource(s) were provided, but no name was specified");
    assertThat(invalid("kubectl delete"))
        .isEqualTo("error: You must provide one or more resources by argument or filename.");
    assertThat(invalid("kubectl delete vs reviews -f -"))
        .isEqualTo("error: name resources either by argument or with -f, not both");
    assertThat(invalid("kubectl explain vs -o yaml"))
        .isEqualTo("error: unknown shorthand flag: 'o' in -o");
  }

  @Test
  void refusesWhatTheConsoleDoesNotOffer() {
    assertThat(CommandParser.parse("kubectl get pods | grep x"))
        .isEqualTo(new Refused(Refusal.SHELL_FEATURE, "|"));
    assertThat(CommandParser.parse("kubectl get pods; ls"))
        .isEqualTo(new Refused(Refusal.SHELL_FEATURE, ";"));
    assertThat(CommandParser.parse("kubectl get 'pods"))
        .isEqualTo(new Refused(Refusal.UNCLOSED_QUOTE, "'"));
    assertThat(CommandParser.parse("kubectl exec -it toolbox -- sh"))
        .isEqualTo(new Refused(Refusal.INTERACTIVE, "exec"));
    assertThat(CommandParser.parse("kubectl port-forward svc/x 8080"))
        .isEqualTo(new Refused(Refusal.VERB_NOT_OFFERED, "port-forward"));
    assertThat(CommandParser.parse("kubectl create secret generic x"))
        .isEqualTo(new Refused(Refusal.VERB_NOT_OFFERED, "create secret"));
    assertThat(CommandParser.parse("kubectl rollout undo deploy/x"))
        .isEqualTo(new Refused(Refusal.VERB_NOT_OFFERED, "rollout undo"));
    assertThat(CommandParser.parse("curl http://reviews:9080/"))
        .isEqualTo(new Refused(Refusal.NOT_KUBECTL, "curl"));
    assertThat(CommandParser.parse("kubectl apply -f vs.yaml"))
        .isEqualTo(new Refused(Refusal.FILE_NOT_OFFERED, "vs.yaml"));
    assertThat(CommandParser.parse("get pods " + "x".repeat(CommandParser.MAX_LINE)))
        .isEqualTo(new Refused(Refusal.TOO_LONG, String.valueOf(CommandParser.MAX_LINE)));
  }

  @Test
  void workloadVerbsParseAsKubectlDoes() {
    KubectlCommand exec =
        run(
            "kubectl exec -n bookinfo deploy/ratings-v1 -c ratings -- curl -s -H 'end-user: jason' http://reviews:9080/reviews/0");
    assertThat(exec.verb()).isEqualTo(Verb.EXEC);
    assertThat(exec.namespace()).isEqualTo("bookinfo");
    assertThat(exec.args()).containsExactly("deploy/ratings-v1");
    assertThat(exec.option("container")).isEqualTo("ratings");
    assertThat(exec.command())
        .containsExactly("curl", "-s", "-H", "end-user: jason", "http://reviews:9080/reviews/0");
    // Flags after -- belong to the command, not to kubectl.
    assertThat(run("kubectl exec sleep -- sh -c 'echo -n x'").command())
        .containsExactly("sh", "-c", "echo -n x");

    KubectlCommand logs =
        run("kubectl logs deploy/reviews-v2 -c istio-proxy --tail=20 --since 5m -f");
    assertThat(logs.option("tail")).isEqualTo("20");
    assertThat(logs.option("since")).isEqualTo("5m");
    assertThat(logs.has("follow")).isTrue();
    assertThat(run("logs reviews-v1-abc istio-proxy").args())
        .containsExactly("reviews-v1-abc", "istio-proxy");

    assertThat(run("kubectl rollout restart deploy/reviews-v1").args())
        .containsExactly("restart", "deploy/reviews-v1");
    assertThat(run("kubectl scale deploy/reviews-v1 --replicas=3").option("replicas"))
        .isEqualTo("3");
    KubectlCommand label = run("kubectl label ns bookinfo istio-injection=enabled --overwrite");
    assertThat(label.args()).containsExactly("ns", "bookinfo", "istio-injection=enabled");
    assertThat(label.has("overwrite")).isTrue();
    assertThat(run("kubectl annotate pod/x note-").args()).containsExactly("pod/x", "note-");
    assertThat(run("kubectl edit vs reviews").verb()).isEqualTo(Verb.EDIT);
    assertThat(run("kubectl create deployment sleep --image=curlimages/curl").option("image"))
        .isEqualTo("curlimages/curl");
    assertThat(run("kubectl create ns demo").args()).containsExactly("ns", "demo");
    assertThat(run("kubectl create -f -").fromStdin()).isTrue();
  }

  @Test
  void workloadVerbMistakesGetKubectlsWords() {
    assertThat(invalid("kubectl exec deploy/x"))
        .isEqualTo("error: you must specify at least one command for the container");
    assertThat(invalid("kubectl exec pod ls"))
        .startsWith("error: exec [POD] [COMMAND] is not supported anymore.");
    assertThat(invalid("kubectl exec -- ls"))
        .isEqualTo("error: pod, type/name or --filename must be specified");
    assertThat(invalid("kubectl logs"))
        .startsWith("error: expected 'logs [-f] [-p] (POD | TYPE/NAME)");
    assertThat(invalid("kubectl logs x --tail=ten"))
        .startsWith("error: invalid argument \"ten\" for \"--tail\"");
    assertThat(invalid("kubectl logs x --since=yesterday")).contains("time: invalid duration");
    assertThat(invalid("kubectl scale deploy/x"))
        .isEqualTo("error: required flag(s) \"replicas\" not set");
    assertThat(invalid("kubectl scale deploy/x --replicas=-1"))
        .startsWith("error: invalid argument \"-1\"");
    assertThat(invalid("kubectl label pod x"))
        .isEqualTo("error: at least one label update is required");
    assertThat(invalid("kubectl annotate pod x"))
        .isEqualTo("error: at least one annotation update is required");
    assertThat(invalid("kubectl rollout frob deploy/x"))
        .isEqualTo("error: unknown command \"frob\" for \"kubectl rollout\"");
    assertThat(invalid("kubectl create deployment x"))
        .isEqualTo("error: required flag(s) \"image\" not set");
    assertThat(invalid("kubectl logs x --container"))
        .isEqualTo("error: flag needs an argument: --container");
    assertThat(invalid("kubectl get pods --show-labels=maybe")).contains("strconv.ParseBool");
  }

  @Test
  void outputTemplatesAndGetFlags() {
    KubectlCommand path = run("kubectl get vs -o jsonpath='{.items[*].metadata.name}'");
    assertThat(path.output()).isEqualTo(Output.JSONPATH);
    assertThat(path.template()).isEqualTo("{.items[*].metadata.name}");
    KubectlCommand columns = run("kubectl get vs -o custom-columns=NAME:.metadata.name");
    assertThat(columns.output()).isEqualTo(Output.CUSTOM_COLUMNS);
    assertThat(columns.template()).isEqualTo("NAME:.metadata.name");
    KubectlCommand get = run("kubectl get po --show-labels -w -n bookinfo");
    assertThat(get.has("show-labels")).isTrue();
    assertThat(get.has("watch")).isTrue();
    assertThat(run("kubectl get dr,vs").args()).containsExactly("dr,vs");
  }

  @Test
  void istioctlIsParsedWithItsOwnWordsAndExitCodes() {
    ConsoleRequest analyze = CommandParser.parse("istioctl analyze -n bookinfo");
    assertThat(analyze)
        .isEqualTo(
            new ConsoleRequest.Istioctl(
                new IstioctlCommand(
                    IstioctlCommand.Sub.ANALYZE, List.of(), "bookinfo", false, null)));
    assertThat(CommandParser.parse("istioctl -A analyze --output yaml"))
        .isEqualTo(
            new ConsoleRequest.Istioctl(
                new IstioctlCommand(IstioctlCommand.Sub.ANALYZE, List.of(), null, true, "yaml")));
    assertThat(CommandParser.parse("istioctl pc routes productpage-v1-x.bookinfo -o json"))
        .isEqualTo(
            new ConsoleRequest.Istioctl(
                new IstioctlCommand(
                    IstioctlCommand.Sub.PROXY_CONFIG,
                    List.of("routes", "productpage-v1-x.bookinfo"),
                    null,
                    false,
                    "json")));
    assertThat(CommandParser.parse("istioctl x describe pod reviews-v1-x"))
        .isInstanceOf(ConsoleRequest.Istioctl.class);
    assertThat(CommandParser.parse("istioctl version")).isInstanceOf(ConsoleRequest.Istioctl.class);
    assertThat(CommandParser.parse("istioctl")).isInstanceOf(ConsoleRequest.Help.class);
    for (String wrong :
        List.of(
            "istioctl frob",
            "istioctl analyze --frob",
            "istioctl analyze -n",
            "istioctl analyze -o table",
            "istioctl pc secrets x",
            "istioctl pc routes",
            "istioctl x describe svc x")) {
      ConsoleRequest r = CommandParser.parse(wrong);
      assertThat(r).as(wrong).isInstanceOf(Invalid.class);
      assertThat(((Invalid) r).exitCode()).as(wrong).isEqualTo(IstioctlParser.USAGE);
      assertThat(((Invalid) r).message()).as(wrong).startsWith("Error: ");
    }
    assertThat(CommandParser.parse("istioctl analyze vs.yaml"))
        .isEqualTo(new Refused(Refusal.FILE_NOT_OFFERED, "vs.yaml"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kubectl get pods -o jsonpath={.items[*]} $(rm -rf /)",
        "kubectl exec x -- sh -c \"a\" ; reboot",
        "kubectl get pods `id`",
        "kubectl get pods > /etc/passwd",
        "istioctl analyze && ls",
        "kubectl exec x -- curl http://a | sh"
      })
  void hostileLinesNeverRun(String line) {
    assertThat(CommandParser.parse(line)).isInstanceOf(Refused.class);
  }

  @Test
  void strangeButHarmlessInputIsReadLiterally() {
    // Inside quotes, shell characters are just characters handed to the command.
    assertThat(run("kubectl exec x -- sh -c 'for i in $(seq 1 3); do echo $i; done'").command())
        .containsExactly("sh", "-c", "for i in $(seq 1 3); do echo $i; done");
    assertThat(run("kubectl get pods -l 'app in (a,b)'").selector()).isEqualTo("app in (a,b)");
    assertThat(CommandParser.parse("kubectl --")).isInstanceOf(ConsoleRequest.Help.class);
    assertThat(invalid("kubectl -n")).isEqualTo("error: flag needs an argument: 'n' in -n");
  }

  @Test
  void patchTakesAPatchAndAType() {
    KubectlCommand c =
        run(
            "kubectl -n bookinfo patch dr ratings --type merge -p '{\"spec\":{\"host\":\"ratings\"}}'");
    assertThat(c.verb()).isEqualTo(Verb.PATCH);
    assertThat(c.args()).containsExactly("dr", "ratings");
    assertThat(c.option("patch")).isEqualTo("{\"spec\":{\"host\":\"ratings\"}}");
    assertThat(c.option("type")).isEqualTo("merge");
    assertThat(run("patch deploy/reviews-v1 --patch={}").option("patch")).isEqualTo("{}");
    assertThat(run("patch vs reviews --type=json -p []").option("type")).isEqualTo("json");

    assertThat(invalid("patch dr ratings"))
        .isEqualTo(
            "error: must specify --patch or --patch-file containing the contents of the patch");
    assertThat(invalid("patch dr ratings -p {} --type=apply"))
        .isEqualTo("error: --type must be one of [json merge strategic], not \"apply\"");
    assertThat(invalid("patch -p {}"))
        .isEqualTo("error: You must provide one or more resources by argument or filename.");
  }
}

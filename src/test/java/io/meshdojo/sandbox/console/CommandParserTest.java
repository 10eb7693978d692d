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
        "kubectl get vs -n=bookinfo"
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
        .isEqualTo("error: unknown shorthand flag: 'n' in -n");
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
    assertThat(invalid("kubectl get pods --watch")).isEqualTo("error: unknown flag: --watch");
    assertThat(invalid("kubectl get pods -w"))
        .isEqualTo("error: unknown shorthand flag: 'w' in -w");
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
    assertThat(invalid("kubectl explain vs -n bookinfo"))
        .isEqualTo("error: unknown shorthand flag: 'n' in -n");
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
        .isEqualTo(new Refused(Refusal.VERB_NOT_OFFERED, "exec"));
    assertThat(CommandParser.parse("logs reviews"))
        .isEqualTo(new Refused(Refusal.VERB_NOT_OFFERED, "logs"));
    assertThat(CommandParser.parse("istioctl analyze"))
        .isEqualTo(new Refused(Refusal.NOT_KUBECTL, "istioctl"));
    assertThat(CommandParser.parse("kubectl apply -f vs.yaml"))
        .isEqualTo(new Refused(Refusal.FILE_NOT_OFFERED, "vs.yaml"));
    assertThat(CommandParser.parse("get pods " + "x".repeat(CommandParser.MAX_LINE)))
        .isEqualTo(new Refused(Refusal.TOO_LONG, String.valueOf(CommandParser.MAX_LINE)));
  }
}

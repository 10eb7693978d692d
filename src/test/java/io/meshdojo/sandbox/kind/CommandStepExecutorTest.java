package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.sandbox.kind.CommandStepExecutor.Result;
import io.meshdojo.sandbox.kind.CommandStepExecutor.Tool;
import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.CreateNamespace;
import io.meshdojo.sandbox.kind.InstallStep.HelmInstall;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one executor of plan steps, on tools that record what they are asked (no cluster here). */
class CommandStepExecutorTest {

  static final InfraFiles INFRA =
      new InfraFiles() {
        @Override
        public Optional<byte[]> find(String path) {
          return Optional.of(("file " + path).getBytes(StandardCharsets.UTF_8));
        }
      };

  /** Tools in a folder {@code /w}, handed a kubeconfig or not, answering from a queue. */
  static final class RecordingTools implements CommandStepExecutor.Tools {
    final boolean ownKubeconfig;
    final List<String> files = new ArrayList<>();
    final List<String> contents = new ArrayList<>();
    final List<String> commands = new ArrayList<>();
    final Deque<Result> answers = new ArrayDeque<>();

    RecordingTools(boolean ownKubeconfig) {
      this.ownKubeconfig = ownKubeconfig;
    }

    @Override
    public String put(Tool tool, String path, byte[] content) {
      files.add(tool + " /w/" + path);
      contents.add(new String(content, StandardCharsets.UTF_8));
      return "/w/" + path;
    }

    @Override
    public Result run(Tool tool, List<String> command) {
      commands.add(tool + " " + String.join(" ", command));
      return answers.isEmpty() ? new Result(0, "", "") : answers.removeFirst();
    }

    @Override
    public Optional<String> kubeconfig(Tool tool) {
      return ownKubeconfig ? Optional.empty() : Optional.of("/w/kubeconfig");
    }
  }

  @Test
  void toolsWithoutAClusterOfTheirOwnAreHandedTheKubeconfigEachTime() throws Exception {
    RecordingTools tools = new RecordingTools(false);
    CommandStepExecutor executor = new CommandStepExecutor(tools, INFRA);

    executor.execute(
        new HelmInstall("istiod", "istio/istiod", "1.26.3", "istio-system", "istio/istiod.yaml"));
    executor.execute(new CreateNamespace("bookinfo", Map.of("istio-injection", "enabled")));
    executor.execute(new Apply("toolbox/rbac.yaml", null));

    assertThat(tools.files)
        .containsExactly(
            "HELM /w/values/istiod.yaml",
            "KUBECTL /w/namespaces/bookinfo.json",
            "KUBECTL /w/infra/toolbox/rbac.yaml");
    assertThat(tools.contents.get(0)).isEqualTo("file istio/istiod.yaml");
    assertThat(tools.contents.get(1))
        .contains("\"name\":\"bookinfo\"")
        .contains("\"istio-injection\":\"enabled\"");
    assertThat(tools.commands)
        .containsExactly(
            "HELM helm install istiod istio/istiod --namespace istio-system --create-namespace"
                + " --version 1.26.3 --values /w/values/istiod.yaml --kubeconfig /w/kubeconfig",
            "KUBECTL kubectl --kubeconfig=/w/kubeconfig apply"
                + " --filename=/w/namespaces/bookinfo.json",
            "KUBECTL kubectl --kubeconfig=/w/kubeconfig apply --filename=/w/infra/toolbox/rbac.yaml");
  }

  @Test
  void aKindNodeUsesItsOwnAdminKubeconfigAndItsHelmSidecarNone() throws Exception {
    RecordingTools tools = new RecordingTools(true);
    CommandStepExecutor executor = new CommandStepExecutor(tools, INFRA);

    executor.execute(
        new HelmInstall("istiod", "istio/istiod", "1.26.3", "istio-system", "istio/istiod.yaml"));
    executor.execute(new Apply("toolbox/rbac.yaml", null));

    assertThat(tools.commands.get(0)).doesNotContain("--kubeconfig");
    assertThat(tools.commands.get(1)).contains(KubectlCommands.ADMIN_KUBECONFIG);
  }

  @Test
  void aWaitIsRepeatedUntilKubectlSucceedsAndAFailedCommandFailsTheStepWithItsError()
      throws Exception {
    RecordingTools tools = new RecordingTools(false);
    CommandStepExecutor executor = new CommandStepExecutor(tools, INFRA);
    tools.answers.add(new Result(1, "", "deployments.apps \"istiod\" not found"));
    tools.answers.add(new Result(0, "condition met", ""));

    executor.execute(
        new WaitFor(
            "istio-system", "deployment", "istiod", null, "Available", Duration.ofMinutes(5)));

    assertThat(tools.commands).hasSize(2).allMatch(c -> c.contains("wait"));

    tools.answers.add(new Result(1, "", "Error: INSTALLATION FAILED: chart not found\n"));
    assertThatThrownBy(
            () ->
                executor.execute(
                    new HelmInstall(
                        "istio-base", "istio/base", "1.26.3", "istio-system", "istio/base.yaml")))
        .hasMessage("helm exited with 1: Error: INSTALLATION FAILED: chart not found");
  }
}

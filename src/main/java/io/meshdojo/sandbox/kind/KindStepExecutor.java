package io.meshdojo.sandbox.kind;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.helm.Helm3Container;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.sandbox.kind.InstallStep.AddHelmRepo;
import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.CreateNamespace;
import io.meshdojo.sandbox.kind.InstallStep.HelmInstall;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;

/**
 * Carries out plan steps on a started kind container: Helm in the cluster's helm sidecar,
 * everything else with the kubectl and admin kubeconfig inside the kind node itself (no extra image
 * to pull). Files from the infra directory are copied into the containers first.
 */
final class KindStepExecutor implements InstallPlanRunner.StepExecutor {

  private static final String WORKDIR = "/meshdojo";
  private static final Duration WAIT_SLICE = Duration.ofSeconds(30);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KindContainer<?> kind;
  private final Supplier<Helm3Container<?>> helm;
  private final InfraFiles infra;

  KindStepExecutor(KindContainer<?> kind, Supplier<Helm3Container<?>> helm, InfraFiles infra) {
    this.kind = kind;
    this.helm = helm;
    this.infra = infra;
  }

  @Override
  public void execute(InstallStep step) throws Exception {
    if (step instanceof AddHelmRepo repo) {
      run(helm.get(), "helm", HelmCommands.repoAdd(repo));
      run(helm.get(), "helm", HelmCommands.repoUpdate());
    } else if (step instanceof HelmInstall install) {
      String values = HelmCommands.valuesPath(install);
      helm.get().copyFileToContainer(Transferable.of(infra.read(install.valuesFile())), values);
      run(helm.get(), "helm", HelmCommands.install(install, values));
    } else if (step instanceof CreateNamespace ns) {
      String file = WORKDIR + "/namespaces/" + ns.name() + ".json";
      Map<String, Object> manifest =
          Map.of(
              "apiVersion", "v1",
              "kind", "Namespace",
              "metadata", Map.of("name", ns.name(), "labels", ns.labels()));
      kind.copyFileToContainer(Transferable.of(JSON.writeValueAsBytes(manifest)), file);
      kubectl(KubectlCommands.apply(new Apply(file, null), file));
    } else if (step instanceof Apply apply) {
      String target = WORKDIR + "/infra/" + apply.path();
      kind.copyFileToContainer(Transferable.of(infra.read(apply.path())), target);
      kubectl(KubectlCommands.apply(apply, target));
    } else if (step instanceof WaitFor wait) {
      await(wait);
    } else {
      throw new IllegalStateException("no executor for " + step);
    }
  }

  private void await(WaitFor wait) throws Exception {
    Instant deadline = Instant.now().plus(wait.timeout());
    String last = "";
    while (true) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new IllegalStateException("timed out: " + last.strip());
      }
      ExecResult result =
          kind.execInContainer(
              KubectlCommands.waitFor(wait, left.compareTo(WAIT_SLICE) < 0 ? left : WAIT_SLICE)
                  .toArray(String[]::new));
      if (result.getExitCode() == 0) {
        return;
      }
      last = result.getStderr().isBlank() ? result.getStdout() : result.getStderr();
      Thread.sleep(RETRY_PAUSE.toMillis());
    }
  }

  private void kubectl(List<String> args) throws Exception {
    run(kind, "kubectl", args);
  }

  private static void run(Container<?> container, String tool, List<String> args) throws Exception {
    ExecResult result = container.execInContainer(args.toArray(String[]::new));
    if (result.getExitCode() != 0) {
      throw new IllegalStateException(
          tool + " exited with " + result.getExitCode() + ": " + result.getStderr().strip());
    }
  }
}

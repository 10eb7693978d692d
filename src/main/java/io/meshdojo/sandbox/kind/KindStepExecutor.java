package io.meshdojo.sandbox.kind;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.helm.Helm3Container;
import io.meshdojo.sandbox.kind.CommandStepExecutor.Result;
import io.meshdojo.sandbox.kind.CommandStepExecutor.Tool;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;

/**
 * Where a kind cluster's plan steps run ({@link CommandStepExecutor}): Helm in the cluster's helm
 * sidecar, everything else with the kubectl and admin kubeconfig inside the kind node itself (no
 * extra image to pull). Files are copied into the containers first.
 */
final class KindStepExecutor implements CommandStepExecutor.Tools {

  private static final String WORKDIR = "/meshdojo/";

  private final KindContainer<?> kind;
  private final Supplier<Helm3Container<?>> helm;

  KindStepExecutor(KindContainer<?> kind, Supplier<Helm3Container<?>> helm) {
    this.kind = kind;
    this.helm = helm;
  }

  @Override
  public String put(Tool tool, String path, byte[] content) {
    String target = WORKDIR + path;
    container(tool).copyFileToContainer(Transferable.of(content), target);
    return target;
  }

  @Override
  public Result run(Tool tool, List<String> command) throws Exception {
    ExecResult result = container(tool).execInContainer(command.toArray(String[]::new));
    return new Result(result.getExitCode(), result.getStdout(), result.getStderr());
  }

  /** Kubectl uses the node's admin kubeconfig; the sidecar's helm was given the cluster's. */
  @Override
  public Optional<String> kubeconfig(Tool tool) {
    return tool == Tool.KUBECTL ? Optional.of(KubectlCommands.NODE_KUBECONFIG) : Optional.empty();
  }

  private Container<?> container(Tool tool) {
    return tool == Tool.HELM ? helm.get() : kind;
  }
}

package io.meshdojo.sandbox.kind;

import io.meshdojo.sandbox.kind.InstallStep.AddHelmRepo;
import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.CreateNamespace;
import io.meshdojo.sandbox.kind.InstallStep.HelmInstall;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Carries out plan steps with the {@code kubectl} and {@code helm} command lines of {@link
 * KubectlCommands} and {@link HelmCommands}, wherever those tools run: in a kind node and its helm
 * sidecar (the kind backend), or in the service's own container against a sandbox pod's cluster
 * (the kubernetes backend). One executor for every backend, so an environment installs the same way
 * on each.
 */
public final class CommandStepExecutor implements InstallPlanRunner.StepExecutor {

  private static final Duration WAIT_SLICE = Duration.ofSeconds(30);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  /** The two command-line tools a plan needs. */
  public enum Tool {
    KUBECTL,
    HELM
  }

  /** What a command line printed, and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Where the tools run, the files they read, and the cluster they talk to. */
  public interface Tools {

    /**
     * Puts a file where {@code tool} reads it, at {@code path} under its work folder.
     *
     * @return the file's path as the tool sees it
     */
    String put(Tool tool, String path, byte[] content) throws Exception;

    /** Runs a command line where {@code tool} lives. */
    Result run(Tool tool, List<String> command) throws Exception;

    /**
     * The kubeconfig file {@code tool} must be given, as it sees it; empty when the tool already
     * talks to the cluster by itself (kind's helm sidecar).
     */
    Optional<String> kubeconfig(Tool tool);
  }

  private final Tools tools;
  private final InfraFiles infra;

  /**
   * @param infra the files the plan applies and hands to helm
   */
  public CommandStepExecutor(Tools tools, InfraFiles infra) {
    this.tools = tools;
    this.infra = infra;
  }

  @Override
  public void execute(InstallStep step) throws Exception {
    if (step instanceof AddHelmRepo repo) {
      helm(HelmCommands.repoAdd(repo));
      helm(HelmCommands.repoUpdate());
    } else if (step instanceof HelmInstall install) {
      String values =
          tools.put(Tool.HELM, HelmCommands.valuesPath(install), infra.read(install.valuesFile()));
      helm(HelmCommands.install(install, values));
    } else if (step instanceof CreateNamespace ns) {
      String file =
          tools.put(
              Tool.KUBECTL,
              "namespaces/" + ns.name() + ".json",
              KubectlCommands.namespaceManifest(ns));
      kubectl(KubectlCommands.apply(new Apply(file, null), file, kubeconfig()));
    } else if (step instanceof Apply apply) {
      String target = tools.put(Tool.KUBECTL, "infra/" + apply.path(), infra.read(apply.path()));
      kubectl(KubectlCommands.apply(apply, target, kubeconfig()));
    } else if (step instanceof WaitFor wait) {
      await(wait);
    } else {
      throw new IllegalStateException("no executor for " + step);
    }
  }

  /** kubectl fails at once on objects that do not exist yet: waits in slices until the timeout. */
  private void await(WaitFor wait) throws Exception {
    Instant deadline = Instant.now().plus(wait.timeout());
    String last = "";
    while (true) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new IllegalStateException("timed out: " + last.strip());
      }
      Duration slice = left.compareTo(WAIT_SLICE) < 0 ? left : WAIT_SLICE;
      Result result = tools.run(Tool.KUBECTL, KubectlCommands.waitFor(wait, slice, kubeconfig()));
      if (result.exitCode() == 0) {
        return;
      }
      last = result.stderr().isBlank() ? result.stdout() : result.stderr();
      Thread.sleep(RETRY_PAUSE.toMillis());
    }
  }

  private String kubeconfig() {
    return tools.kubeconfig(Tool.KUBECTL).orElse(KubectlCommands.NODE_KUBECONFIG);
  }

  private void kubectl(List<String> command) throws Exception {
    check("kubectl", tools.run(Tool.KUBECTL, command));
  }

  private void helm(List<String> command) throws Exception {
    Optional<String> kubeconfig = tools.kubeconfig(Tool.HELM);
    check(
        "helm",
        tools.run(
            Tool.HELM,
            kubeconfig.isPresent() ? HelmCommands.against(command, kubeconfig.get()) : command));
  }

  private static void check(String tool, Result result) {
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          tool + " exited with " + result.exitCode() + ": " + result.stderr().strip());
    }
  }
}

package io.meshdojo.sandbox.kind;

import io.meshdojo.sandbox.kind.InstallStep.AddHelmRepo;
import io.meshdojo.sandbox.kind.InstallStep.HelmInstall;
import java.util.List;

/**
 * The helm command lines of an install plan's steps (run in the kind backend's helm sidecar, or
 * locally against a sandbox pod's cluster), built from plan steps. Built here rather than through
 * kindcontainer's install builder, which keeps every values file it was ever given and passes them
 * all to the next install (the gateway chart would get base's and istiod's values, which its schema
 * refuses). Pure, so it is tested without a cluster.
 */
public final class HelmCommands {

  private HelmCommands() {}

  /** {@code helm repo add} of the chart repository. */
  static List<String> repoAdd(AddHelmRepo step) {
    return List.of("helm", "repo", "add", "--force-update", step.name(), step.url());
  }

  /** {@code helm repo update}, after a repository was added. */
  static List<String> repoUpdate() {
    return List.of("helm", "repo", "update");
  }

  /**
   * {@code helm install} of one release with exactly its own values file, already copied into the
   * helm container at {@code valuesInContainer}.
   */
  static List<String> install(HelmInstall step, String valuesInContainer) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "helm",
                "install",
                step.release(),
                step.chart(),
                "--namespace",
                step.namespace(),
                "--create-namespace",
                "--version",
                step.version(),
                "--values",
                valuesInContainer));
    for (String set : step.sets()) {
      command.add("--set");
      command.add(set);
    }
    return List.copyOf(command);
  }

  /** Where a release's values file is put, under the tools' work folder: one file per release. */
  static String valuesPath(HelmInstall step) {
    return "values/" + step.release() + ".yaml";
  }

  /**
   * The command against the cluster of a kubeconfig file, for a helm with no cluster of its own.
   */
  static List<String> against(List<String> command, String kubeconfig) {
    List<String> args = new java.util.ArrayList<>(command);
    args.add("--kubeconfig");
    args.add(kubeconfig);
    return List.copyOf(args);
  }
}

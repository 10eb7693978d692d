package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.install.HelmCharts;
import io.meshdojo.sandbox.embedded.install.InstallRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * {@code helm} in the lab terminal, for Istio's charts: the plans of {@link HelmCharts}, computed
 * from the sandbox's objects and written as istioctl's are ({@link IstioctlInstall#write}), in one
 * transaction. {@code -f -} takes the values from the editor, as {@code kubectl apply -f -} takes a
 * manifest. The chart repository {@code istio} is always known: {@code helm repo add} and {@code
 * update} answer as Helm does but keep nothing, as the terminal has no home directory.
 */
@ApplicationScoped
class HelmConsole {

  static final String HELM_VERSION = "v3.14.0";

  private final ObjectStore store;
  private final IstioctlInstall install;

  HelmConsole(ObjectStore store, IstioctlInstall install) {
    this.store = store;
    this.install = install;
  }

  @Transactional
  ConsoleReply run(ConsoleScope scope, HelmCommand command, String stdin) {
    List<ObjectNode> objects = store.all(scope.sandbox());
    HelmCharts charts = new HelmCharts(scope.environment().istioVersion());
    List<String> args = command.args();
    try {
      return switch (command.action()) {
        case REPO_ADD -> repoAdd(args.get(0), args.get(1));
        case REPO_UPDATE ->
            ConsoleReply.ok(
                "Hang tight while we grab the latest from your chart repositories...\n"
                    + "...Successfully got an update from the \"istio\" chart repository\n"
                    + "Update Complete. \u2388Happy Helming!\u2388\n");
        case REPO_LIST ->
            ConsoleReply.ok(
                "NAME \tURL\nistio\thttps://istio-release.storage.googleapis.com/charts\n");
        case VERSION ->
            ConsoleReply.ok(
                "version.BuildInfo{Version:\""
                    + HELM_VERSION
                    + "\", GitCommit:\"\", GitTreeState:\"clean\", GoVersion:\"go1.21.5\"}\n");
        case LIST ->
            ConsoleReply.ok(
                charts.list(objects, command.allNamespaces() ? null : scope.namespace()));
        case STATUS -> ConsoleReply.ok(charts.status(args.get(0), scope.namespace(), objects));
        case UNINSTALL ->
            install.write(scope, charts.uninstall(args.get(0), scope.namespace(), objects));
        case ROLLBACK ->
            install.write(
                scope,
                charts.rollback(
                    args.get(0),
                    scope.namespace(),
                    args.size() > 1 ? Integer.valueOf(args.get(1)) : null,
                    objects,
                    Instant.now()));
        case INSTALL, UPGRADE ->
            install.write(
                scope, charts.install(request(scope, command, stdin), objects, Instant.now()));
      };
    } catch (InstallRefused e) {
      return ConsoleReply.failed(e.getMessage() + "\n");
    }
  }

  private static ConsoleReply repoAdd(String name, String url) {
    if (!name.equals(HelmCharts.REPOSITORY)) {
      return ConsoleReply.failed(
          "Error: looks like \""
              + url
              + "\" is not a valid chart repository or cannot be reached: the lab terminal"
              + " reaches Istio's charts only (helm repo add istio"
              + " https://istio-release.storage.googleapis.com/charts)\n");
    }
    return ConsoleReply.ok("\"" + name + "\" has been added to your repositories\n");
  }

  private static HelmCharts.Request request(ConsoleScope scope, HelmCommand command, String stdin) {
    if (command.fromEditor() && (stdin == null || stdin.isBlank())) {
      throw new InstallRefused("Error: -f -: the editor is empty; write the values there");
    }
    ObjectNode values = HelmCharts.valuesFile(command.fromEditor() ? stdin : null);
    command.sets().forEach(s -> HelmCharts.set(values, s));
    return new HelmCharts.Request(
        command.action() == HelmCommand.Action.UPGRADE,
        command.install(),
        command.args().get(0),
        command.args().get(1),
        scope.namespace(),
        command.createNamespace(),
        command.version(),
        values,
        command.fromEditor() || !command.sets().isEmpty(),
        command.reuseValues());
  }
}

package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.Manifests;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.embedded.FieldValidation;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.ResourceType;
import io.meshdojo.sandbox.embedded.install.ControlPlane;
import io.meshdojo.sandbox.embedded.install.InstallRefused;
import io.meshdojo.sandbox.embedded.install.IstioInstaller;
import io.meshdojo.sandbox.embedded.install.OperatorSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * {@code istioctl install | uninstall | tag | x precheck} in the lab terminal: the plan of {@link
 * IstioInstaller}, computed from the sandbox's objects, written through the store in one
 * transaction, so the controllers (injection, Deployments) and watches see it as any write. The
 * {@code -f -} IstioOperator is the editor's text, as for {@code kubectl apply -f -}.
 */
@ApplicationScoped
class IstioctlInstall {

  private final ObjectStore store;

  IstioctlInstall(ObjectStore store) {
    this.store = store;
  }

  @Transactional
  ConsoleReply run(ConsoleScope scope, IstioctlCommand command, String stdin) {
    ControlPlane current = new ControlPlane(store.all(scope.sandbox()));
    IstioInstaller installer = new IstioInstaller(scope.environment().istioctlVersion());
    IstioctlCommand.InstallFlags flags = command.install();
    try {
      return switch (command.sub()) {
        case INSTALL -> install(scope, installer, current, flags, stdin);
        case UNINSTALL -> {
          String revision = revision(flags);
          if (revision == null) {
            throw new InstallRefused(
                "Error: at least one of the --revision (or --set revision=<revision>), --filename"
                    + " or --purge flags must be set");
          }
          yield confirmed(
              flags,
              "All Istio resources of revision \""
                  + revision
                  + "\" will be pruned from the cluster",
              () -> write(scope, installer.uninstall(revision, current)));
        }
        case TAG -> tag(scope, installer, current, command);
        case PRECHECK -> ConsoleReply.ok(installer.precheck(current));
        default -> throw new IllegalStateException("not an install command: " + command.sub());
      };
    } catch (InstallRefused e) {
      return ConsoleReply.failed(e.getMessage() + "\n");
    }
  }

  private ConsoleReply install(
      ConsoleScope scope,
      IstioInstaller installer,
      ControlPlane current,
      IstioctlCommand.InstallFlags flags,
      String stdin) {
    ObjectNode operator = null;
    if (flags.fromEditor()) {
      if (stdin == null || stdin.isBlank()) {
        throw new InstallRefused("Error: -f -: the editor is empty; write the IstioOperator there");
      }
      try {
        operator = Manifests.parseOne(stdin, "the editor");
      } catch (IllegalArgumentException e) {
        throw new InstallRefused("Error: " + e.getMessage());
      }
    }
    OperatorSpec spec = OperatorSpec.of(operator, flags.sets(), flags.revision());
    String question =
        "This will install the Istio "
            + scope.environment().istioctlVersion()
            + " \""
            + spec.profile()
            + "\" profile"
            + (spec.revision().isEmpty() ? "" : " (revision \"" + spec.revision() + "\")")
            + " into the cluster";
    return confirmed(flags, question, () -> write(scope, installer.install(spec, current)));
  }

  private ConsoleReply tag(
      ConsoleScope scope, IstioInstaller installer, ControlPlane current, IstioctlCommand command) {
    IstioctlCommand.InstallFlags flags = command.install();
    return switch (command.args().get(0)) {
      case "list" -> ConsoleReply.ok(installer.tagList(current));
      case "set" -> {
        if (flags.revision() == null) {
          throw new InstallRefused(
              "Error: revision to point tag to must be specified (--revision)");
        }
        yield write(
            scope,
            installer.tagSet(command.args().get(1), flags.revision(), flags.overwrite(), current));
      }
      default -> write(scope, installer.tagRemove(command.args().get(1), flags.yes(), current));
    };
  }

  private static String revision(IstioctlCommand.InstallFlags flags) {
    if (flags.revision() != null) {
      return flags.revision();
    }
    return flags.sets().stream()
        .filter(s -> s.getKey().equals("revision"))
        .map(java.util.Map.Entry::getValue)
        .reduce((a, b) -> b)
        .orElse(null);
  }

  /**
   * The terminal cannot answer istioctl's prompt: without {@code -y} the question is printed and
   * answered "no", as an empty answer is.
   */
  private static ConsoleReply confirmed(
      IstioctlCommand.InstallFlags flags,
      String question,
      java.util.function.Supplier<ConsoleReply> act) {
    if (!flags.yes()) {
      return ConsoleReply.failed(question + ". Proceed? (y/N) \nCancelled.\n");
    }
    return act.get();
  }

  /** Writes a plan through the store, as any write: validated, watched, reconciled. */
  ConsoleReply write(ConsoleScope scope, IstioInstaller.Plan plan) {
    String sandbox = scope.sandbox();
    for (ObjectNode object : plan.writes()) {
      ResourceType type =
          ApiCatalog.byKind(
                  object.path("apiVersion").asText(),
                  object.path("kind").asText(),
                  scope.istioMinor())
              .orElseThrow();
      String ns = type.namespaced() ? object.path("metadata").path("namespace").asText() : null;
      String name = object.path("metadata").path("name").asText();
      if (store.find(sandbox, type, ns, name).isPresent()) {
        store.update(
            sandbox, type, scope.version(type), ns, name, object, FieldValidation.STRICT, false);
      } else {
        store.create(sandbox, type, scope.version(type), ns, object, FieldValidation.STRICT);
      }
    }
    for (IstioInstaller.Ref ref : plan.deletes()) {
      ResourceType type = type(ref.kind());
      String ns = type.namespaced() ? ref.namespace() : null;
      if (store.find(sandbox, type, ns, ref.name()).isPresent()) {
        store.delete(sandbox, type, scope.version(type), ns, ref.name());
      }
    }
    return ConsoleReply.ok(plan.output());
  }

  private static ResourceType type(String kind) {
    List<ResourceType> matches =
        ApiCatalog.TYPES.stream().filter(t -> t.kind().equals(kind)).toList();
    return matches.get(0);
  }
}

package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.Manifests;
import io.meshdojo.sandbox.SandboxStatus;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.console.KubectlCommand.Output;
import io.meshdojo.sandbox.console.KubectlCommand.Verb;
import io.meshdojo.sandbox.dataplane.PodShell;
import io.meshdojo.sandbox.dataplane.TextFilter;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.embedded.KubeException;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.ResourceType;
import io.meshdojo.sandbox.embedded.Selectors;
import io.meshdojo.sandbox.embedded.Tables;
import io.meshdojo.sandbox.embedded.WatchHub;
import io.meshdojo.sandbox.workspace.ApplyReport;
import io.meshdojo.sandbox.workspace.DocumentOutcome;
import io.meshdojo.sandbox.workspace.WorkspaceService;
import io.meshdojo.web.AppMessages;
import io.meshdojo.web.BadInputException;
import io.meshdojo.web.Language;
import io.meshdojo.web.Pages;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The embedded backend's console: runs kubectl-style commands against the learner's sandbox, parsed
 * here and carried out through the sandbox's {@link ObjectStore}; never a shell.
 */
@ApplicationScoped
public class RestrictedConsole {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Sandboxes sessions;
  private final EnvironmentCatalog environments;
  private final ObjectStore store;
  private final WorkspaceService workspace;
  private final MeshDojoConfig config;
  private final KubectlWorkloads workloads;
  private final IstioctlConsole istioctl;
  private final HelmConsole helm;
  private final ConsoleWatch watches;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public RestrictedConsole(
      Sandboxes sessions,
      EnvironmentCatalog environments,
      ObjectStore store,
      WorkspaceService workspace,
      MeshDojoConfig config,
      KubectlWorkloads workloads,
      IstioctlConsole istioctl,
      HelmConsole helm,
      ConsoleWatch watches) {
    this.sessions = sessions;
    this.environments = environments;
    this.store = store;
    this.workspace = workspace;
    this.config = config;
    this.workloads = workloads;
    this.istioctl = istioctl;
    this.helm = helm;
    this.watches = watches;
  }

  /**
   * Runs one line for the session's owner; anyone else gets the same 404 as for a missing session.
   *
   * @param stdin the editor's text for {@code -f -}, or null
   */
  public ConsoleReply run(
      String username, String sessionId, String line, String stdin, Language lang) {
    ConsolePipe pipe = ConsolePipe.split(line);
    if (pipe.filters() == null) {
      return runCommand(username, sessionId, line, stdin, lang);
    }
    AppMessages msg = Pages.messages(lang);
    ConsoleReply head = runCommand(username, sessionId, pipe.command(), stdin, lang);
    if (head.follow() != null || head.editorText() != null || head.clear()) {
      return ConsoleReply.failed(msg.console_refused_shell_feature("|") + "\n");
    }
    // As in a shell, the pipe's status is the last filter's, whatever kubectl's was.
    PodShell.ExecResult filtered =
        TextFilter.run(head.text(), pipe.filters(), config.console().maxOutputBytes());
    return bounded(
        new ConsoleReply(filtered.stdout() + filtered.stderr(), filtered.exitCode(), false), msg);
  }

  /** One kubectl or istioctl command, without a pipe. */
  private ConsoleReply runCommand(
      String username, String sessionId, String line, String stdin, Language lang) {
    AppMessages msg = Pages.messages(lang);
    SandboxView view = sessions.view(username, sessionId);
    ConsoleRequest request = CommandParser.parse(line);
    if (request instanceof ConsoleRequest.Blank) {
      return ConsoleReply.ok("");
    }
    if (request instanceof ConsoleRequest.Help) {
      return ConsoleReply.ok(msg.console_help() + "\n");
    }
    if (request instanceof ConsoleRequest.Clear) {
      return new ConsoleReply("", 0, true);
    }
    if (request instanceof ConsoleRequest.Invalid invalid) {
      return new ConsoleReply(
          invalid.message() + "\n" + msg.console_hint_help() + "\n", invalid.exitCode(), false);
    }
    if (request instanceof ConsoleRequest.Refused refused) {
      return ConsoleReply.failed(refusal(msg, refused) + "\n");
    }
    if (!view.status().equals(SandboxStatus.READY.name())) {
      return ConsoleReply.failed(msg.console_not_ready(view.status()) + "\n");
    }
    Environment environment = environments.find(view.environment()).orElseThrow();
    ConsoleScope scope = new ConsoleScope(sessionId, namespace(request, environment), environment);
    ConsoleReply reply;
    try {
      if (request instanceof ConsoleRequest.Helm h) {
        if (h.command().fromEditor() && tooLarge(stdin)) {
          return ConsoleReply.failed(
              msg.console_stdin_too_large(String.valueOf(config.sandbox().maxRequestBytes() / 1024))
                  + "\n");
        }
        reply = helm.run(scope, h.command(), h.command().fromEditor() ? stdin : null);
      } else if (request instanceof ConsoleRequest.Istioctl i) {
        if (i.command().install().fromEditor() && tooLarge(stdin)) {
          return ConsoleReply.failed(
              msg.console_stdin_too_large(String.valueOf(config.sandbox().maxRequestBytes() / 1024))
                  + "\n");
        }
        reply = istioctl.run(scope, i.command(), i.command().install().fromEditor() ? stdin : null);
      } else {
        KubectlCommand command = ((ConsoleRequest.Run) request).command();
        if (command.fromStdin() && tooLarge(stdin)) {
          return ConsoleReply.failed(
              msg.console_stdin_too_large(String.valueOf(config.sandbox().maxRequestBytes() / 1024))
                  + "\n");
        }
        reply = execute(username, scope, command, stdin, msg);
      }
    } catch (KubeException e) {
      reply = ConsoleReply.failed(fromServer(e) + "\n");
    } catch (CommandError | KubectlJsonPath.Invalid e) {
      reply = ConsoleReply.failed(e.getMessage() + "\n");
    }
    return bounded(reply, msg);
  }

  private boolean tooLarge(String stdin) {
    return stdin != null
        && stdin.getBytes(StandardCharsets.UTF_8).length > config.sandbox().maxRequestBytes();
  }

  /** The namespace a command names with -n, or the environment's default one. */
  private static String namespace(ConsoleRequest request, Environment environment) {
    String named =
        request instanceof ConsoleRequest.Istioctl i
            ? i.command().namespace()
            : request instanceof ConsoleRequest.Helm h
                ? h.command().namespace()
                : ((ConsoleRequest.Run) request).command().namespace();
    return named != null ? named : environment.defaultNamespace();
  }

  private ConsoleReply execute(
      String username, ConsoleScope scope, KubectlCommand command, String stdin, AppMessages msg) {
    if (command.fromStdin()) {
      return fromEditor(username, scope.sandbox(), command.verb(), stdin);
    }
    return switch (command.verb()) {
      case GET -> get(scope, command, msg);
      case DESCRIBE -> describe(scope, command);
      case DELETE -> delete(scope, command);
      case APPLY -> throw new IllegalStateException("the parser lets apply by only with -f -");
      case EXPLAIN -> explain(command.args().get(0));
      case API_RESOURCES -> ConsoleReply.ok(apiResources(scope));
      case EXEC, LOGS, ROLLOUT, SCALE, LABEL, ANNOTATE, EDIT, CREATE, PATCH ->
          workloads.run(scope, command, msg);
    };
  }

  private static String refusal(AppMessages msg, ConsoleRequest.Refused r) {
    return switch (r.reason()) {
      case SHELL_FEATURE -> msg.console_refused_shell_feature(r.detail());
      case UNCLOSED_QUOTE -> msg.console_refused_quote(r.detail());
      case VERB_NOT_OFFERED -> msg.console_refused_verb(r.detail());
      case FILE_NOT_OFFERED -> msg.console_refused_file(r.detail());
      case NOT_KUBECTL -> msg.console_refused_not_kubectl(r.detail());
      case TOO_LONG -> msg.console_refused_too_long(r.detail());
      case INTERACTIVE -> msg.console_refused_interactive(r.detail());
    };
  }

  /** kubectl's line for an API error: {@code Error from server (NotFound): …}. */
  static String fromServer(KubeException e) {
    return "Error from server (" + e.toStatus().path("reason").asText() + "): " + e.getMessage();
  }

  /** One kind's objects for a get or describe: one by name, or a (filtered) list. */
  private List<ObjectNode> objects(ConsoleScope scope, KubectlCommand command, Target target) {
    ResourceType t = target.type();
    String ns = t.namespaced() && !command.allNamespaces() ? scope.namespace() : null;
    if (target.name() != null) {
      return List.of(
          store.get(scope.sandbox(), t, scope.version(t), scope.namespace(), target.name()));
    }
    Predicate<JsonNode> filter = Selectors.labels(command.selector());
    return store.list(scope.sandbox(), t, scope.version(t), ns, filter).items();
  }

  private ConsoleReply get(ConsoleScope scope, KubectlCommand command, AppMessages msg) {
    List<Target> targets = Target.of(command.args());
    if (command.allNamespaces() && targets.stream().anyMatch(t -> t.name() != null)) {
      throw new CommandError("error: a resource cannot be retrieved by name across all namespaces");
    }
    boolean several =
        targets.stream().map(Target::type).distinct().count() > 1
            || command.args().get(0).contains(",");
    List<ObjectNode> all = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    StringBuilder errors = new StringBuilder();
    for (ResourceType type : targets.stream().map(Target::type).distinct().toList()) {
      List<ObjectNode> found = new ArrayList<>();
      for (Target target : targets.stream().filter(t -> t.type().equals(type)).toList()) {
        try {
          found.addAll(objects(scope, command, target));
        } catch (KubeException e) {
          errors.append(fromServer(e)).append('\n');
        }
      }
      all.addAll(found);
      if (!found.isEmpty()
          && (command.output() == Output.TABLE || command.output() == Output.WIDE)) {
        tables.add(
            table(
                type,
                found,
                command.allNamespaces() && type.namespaced(),
                several,
                command.has("show-labels")));
      }
    }
    String text =
        switch (command.output()) {
          case TABLE, WIDE -> String.join("\n", tables);
          case NAME -> names(all);
          case YAML, JSON -> serialized(all, command, targets);
          case JSONPATH -> KubectlJsonPath.render(command.template(), document(all, targets));
          case CUSTOM_COLUMNS -> CustomColumns.format(command.template(), all);
        };
    if (all.isEmpty() && errors.isEmpty() && command.output() != Output.JSONPATH) {
      text = noneFound(command, scope.namespace(), targets);
    }
    ConsoleWatch.Follow follow =
        command.has("watch")
            ? watches.follow(
                scope.sandbox(),
                e -> shows(e, scope, command, targets),
                o -> printedAlone(o, command, targets, several))
            : null;
    return new ConsoleReply(text + errors, errors.isEmpty() ? 0 : 1, false, null, follow);
  }

  /** Whether {@code get -w} shows a committed change: its kind, name, namespace and labels. */
  private static boolean shows(
      WatchHub.Event e, ConsoleScope scope, KubectlCommand command, List<Target> targets) {
    String name = e.object().path("metadata").path("name").asText();
    boolean named =
        targets.stream()
            .anyMatch(
                t ->
                    t.type().group().equals(e.group())
                        && t.type().resource().equals(e.resource())
                        && (t.name() == null || t.name().equals(name))
                        && (!t.type().namespaced()
                            || command.allNamespaces()
                            || scope.namespace().equals(e.namespace())));
    return named && Selectors.labels(command.selector()).test(e.object());
  }

  /** One changed object as {@code get -w} prints it: a table row without the header, a name… */
  private String printedAlone(
      ObjectNode o, KubectlCommand command, List<Target> targets, boolean several) {
    ResourceType type =
        targets.stream()
            .map(Target::type)
            .filter(t -> t.kind().equals(o.path("kind").asText()))
            .findFirst()
            .orElseThrow();
    return switch (command.output()) {
      case TABLE, WIDE ->
          withoutHeader(
              table(
                  type,
                  List.of(o),
                  command.allNamespaces() && type.namespaced(),
                  several,
                  command.has("show-labels")));
      case NAME -> names(List.of(o));
      case YAML -> "---\n" + serialized(o, Output.YAML);
      case JSON -> serialized(o, Output.JSON);
      case JSONPATH -> KubectlJsonPath.render(command.template(), o);
      case CUSTOM_COLUMNS -> withoutHeader(CustomColumns.format(command.template(), List.of(o)));
    };
  }

  private static String withoutHeader(String table) {
    return table.substring(table.indexOf('\n') + 1);
  }

  private static String noneFound(KubectlCommand command, String namespace, List<Target> targets) {
    boolean namespaced = targets.stream().anyMatch(t -> t.type().namespaced());
    return command.allNamespaces() || !namespaced
        ? "No resources found\n"
        : "No resources found in " + namespace + " namespace.\n";
  }

  private static String table(
      ResourceType type,
      List<ObjectNode> objects,
      boolean withNamespace,
      boolean qualified,
      boolean labels) {
    ObjectNode table = Tables.table(type, new ObjectStore.Listing(0, objects));
    List<String> headers = new ArrayList<>();
    if (withNamespace) {
      headers.add("Namespace");
    }
    table.path("columnDefinitions").forEach(c -> headers.add(c.path("name").asText()));
    if (labels) {
      headers.add("Labels");
    }
    List<List<String>> rows = new ArrayList<>();
    int i = 0;
    for (JsonNode row : table.path("rows")) {
      List<String> cells = new ArrayList<>();
      if (withNamespace) {
        cells.add(objects.get(i).path("metadata").path("namespace").asText());
      }
      boolean first = true;
      for (JsonNode cell : row.path("cells")) {
        String value = cell.asText();
        cells.add(first && qualified ? TypeNames.objectName(type, value) : value);
        first = false;
      }
      if (labels) {
        cells.add(labels(objects.get(i)));
      }
      rows.add(cells);
      i++;
    }
    return TableText.format(headers, rows);
  }

  /** {@code --show-labels}: {@code app=reviews,version=v1} in key order, {@code <none>} if none. */
  static String labels(JsonNode object) {
    List<String> pairs = new ArrayList<>();
    object
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
    pairs.sort(null);
    return pairs.isEmpty() ? "<none>" : String.join(",", pairs);
  }

  private static String names(List<ObjectNode> objects) {
    StringBuilder out = new StringBuilder();
    for (ObjectNode o : objects) {
      ResourceType t = typeOf(o);
      out.append(TypeNames.objectName(t, o.path("metadata").path("name").asText())).append('\n');
    }
    return out.toString();
  }

  private static ResourceType typeOf(ObjectNode o) {
    return ApiCatalog.byKind(o.path("apiVersion").asText(), o.path("kind").asText()).orElseThrow();
  }

  /** One object when one was named (as kubectl does), a List otherwise. */
  private String serialized(
      List<ObjectNode> objects, KubectlCommand command, List<Target> targets) {
    return serialized(document(objects, targets), command.output());
  }

  private String serialized(JsonNode document, Output output) {
    try {
      return output == Output.YAML
          ? Manifests.toYaml(document)
          : json.writeValueAsString(document) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored objects are JSON", e);
    }
  }

  /** What kubectl prints or templates: the one object named, or a List of them. */
  private static JsonNode document(List<ObjectNode> objects, List<Target> targets) {
    if (targets.size() == 1 && targets.get(0).name() != null && objects.size() == 1) {
      return objects.get(0);
    }
    ObjectNode list = F.objectNode();
    list.put("apiVersion", "v1");
    ArrayNode items = list.putArray("items");
    objects.forEach(items::add);
    list.put("kind", "List");
    list.putObject("metadata").put("resourceVersion", "");
    return list;
  }

  /** The events the sandbox's controllers recorded about an object, oldest first. */
  private List<JsonNode> eventsOf(ConsoleScope scope, JsonNode object) {
    ResourceType events = ApiCatalog.find("", "v1", "events").orElseThrow();
    String uid = object.path("metadata").path("uid").asText();
    String ns = object.path("metadata").path("namespace").asText("default");
    return store
        .list(
            scope.sandbox(),
            events,
            "v1",
            ns,
            e -> e.path("involvedObject").path("uid").asText().equals(uid))
        .items()
        .stream()
        .<JsonNode>map(e -> e)
        .sorted(java.util.Comparator.comparing(e -> e.path("lastTimestamp").asText()))
        .toList();
  }

  private ConsoleReply describe(ConsoleScope scope, KubectlCommand command) {
    List<Target> targets = Target.of(command.args());
    List<String> parts = new ArrayList<>();
    StringBuilder errors = new StringBuilder();
    for (Target target : targets) {
      try {
        objects(scope, command, target)
            .forEach(o -> parts.add(DescribeText.describe(o, eventsOf(scope, o))));
      } catch (KubeException e) {
        errors.append(fromServer(e)).append('\n');
      }
    }
    if (parts.isEmpty() && errors.isEmpty()) {
      return ConsoleReply.ok(noneFound(command, scope.namespace(), targets));
    }
    return new ConsoleReply(String.join("\n\n", parts) + errors, errors.isEmpty() ? 0 : 1, false);
  }

  private ConsoleReply delete(ConsoleScope scope, KubectlCommand command) {
    List<Target> targets = Target.of(command.args());
    StringBuilder out = new StringBuilder();
    int code = 0;
    for (Target target : targets) {
      ResourceType t = target.type();
      try {
        store.delete(scope.sandbox(), t, scope.version(t), scope.namespace(), target.name());
        out.append(TypeNames.kindName(t)).append(" \"").append(target.name());
        out.append("\" deleted\n");
      } catch (KubeException e) {
        out.append(fromServer(e)).append('\n');
        code = 1;
      }
    }
    return new ConsoleReply(out.toString(), code, false);
  }

  /**
   * {@code apply -f -} and {@code delete -f -}: the editor's text through the workspace, one
   * kubectl line per document (refusals name their line), warnings as kubectl prints them.
   */
  private ConsoleReply fromEditor(String username, String sessionId, Verb verb, String stdin) {
    ApplyReport report;
    try {
      report =
          verb == Verb.APPLY || verb == Verb.CREATE
              ? workspace.apply(username, sessionId, stdin)
              : workspace.delete(username, sessionId, stdin);
    } catch (BadInputException e) {
      return ConsoleReply.failed("error: " + e.getMessage() + "\n");
    }
    StringBuilder out = new StringBuilder();
    for (DocumentOutcome document : report.documents()) {
      for (String warning : document.warnings()) {
        out.append("Warning: ").append(warning).append('\n');
      }
      out.append(document.kubectlLine());
      if (document.error() != null && document.errorLine() != null) {
        out.append(" (line ").append(document.errorLine()).append(')');
      }
      out.append('\n');
    }
    return new ConsoleReply(out.toString(), report.ok() ? 0 : 1, false);
  }

  private static ConsoleReply explain(String arg) {
    List<String> parts = Arrays.asList(arg.split("\\."));
    ResourceType type = Target.single(parts.get(0));
    ExplainText.Explanation e = ExplainText.explain(type, parts.subList(1, parts.size()));
    return new ConsoleReply(e.text() + (e.found() ? "" : "\n"), e.found() ? 0 : 1, false);
  }

  private static String apiResources(ConsoleScope scope) {
    List<List<String>> rows = new ArrayList<>();
    for (ResourceType t : ApiCatalog.TYPES) {
      rows.add(
          List.of(
              t.resource(),
              String.join(",", t.shortNames()),
              t.apiVersion(scope.version(t)),
              String.valueOf(t.namespaced()),
              t.kind()));
    }
    return TableText.format(
        List.of("Name", "Shortnames", "Apiversion", "Namespaced", "Kind"), rows);
  }

  /** Cuts output beyond {@code meshdojo.console.max-output-bytes}, saying so. */
  private ConsoleReply bounded(ConsoleReply reply, AppMessages msg) {
    int limit = config.console().maxOutputBytes();
    byte[] bytes = reply.text().getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= limit) {
      return reply;
    }
    String cut = new String(bytes, 0, limit, StandardCharsets.UTF_8);
    // A character split at the limit decodes as U+FFFD; drop it.
    cut = cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    return new ConsoleReply(
        cut + "\n" + msg.console_truncated(String.valueOf(limit / 1024)) + "\n",
        reply.exitCode(),
        reply.clear(),
        reply.editorText(),
        reply.follow());
  }
}

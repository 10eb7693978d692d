package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Analysis;
import io.meshdojo.sandbox.Manifests;
import io.meshdojo.sandbox.embedded.KubeException;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.ResourceType;
import io.meshdojo.sandbox.embedded.install.ControlPlane;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code istioctl} in the lab terminal: {@code analyze} is the grader's analysis in istioctl's
 * format and exit codes; {@code version}, {@code proxy-status}, {@code proxy-config} and {@code x
 * describe pod} are read from the sandbox's objects (see {@link MeshTables}), in istioctl's layout.
 * Nothing here talks to an Envoy: the embedded sandbox runs none.
 */
@ApplicationScoped
class IstioctlConsole {

  /** istioctl's exit code when analyze finds issues at or above its failure threshold (Error). */
  static final int ANALYZERS_FOUND_ISSUES = 79;

  private final ObjectStore store;
  private final IstioctlInstall install;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  IstioctlConsole(ObjectStore store, IstioctlInstall install) {
    this.store = store;
    this.install = install;
  }

  /**
   * @param stdin the editor's text, the IstioOperator of {@code install -f -}; null otherwise
   */
  ConsoleReply run(ConsoleScope scope, IstioctlCommand command, String stdin) {
    MeshTables mesh = new MeshTables(store.all(scope.sandbox()));
    return switch (command.sub()) {
      case ANALYZE -> analyze(scope, command);
      case VERSION -> version(scope, mesh, command);
      case PROXY_STATUS -> ConsoleReply.ok(mesh.proxyStatus(command.args()));
      case PROXY_CONFIG -> proxyConfig(scope, mesh, command);
      case DESCRIBE_POD -> ConsoleReply.ok(mesh.describe(pod(mesh, scope, command.args().get(1))));
      case INSTALL, UNINSTALL, TAG, PRECHECK -> install.run(scope, command, stdin);
    };
  }

  private ConsoleReply analyze(ConsoleScope scope, IstioctlCommand command) {
    String namespace = command.allNamespaces() ? null : scope.namespace();
    if (namespace != null && !namespaceExists(scope, namespace)) {
      // istioctl says so on stderr and exits 0.
      return ConsoleReply.ok("namespace \"" + namespace + "\" not found\n");
    }
    List<Analysis.Message> messages =
        Analysis.analyze(store.allAsMaps(scope.sandbox()), scope.istioMinor(), namespace);
    String target = namespace == null ? "all namespaces" : "namespace: " + namespace;
    String format = command.output() == null ? "log" : command.output();
    if (!format.equals("log")) {
      return ConsoleReply.ok(structured(messages, format, scope));
    }
    if (messages.isEmpty()) {
      return ConsoleReply.ok("\u2714 No validation issues found when analyzing " + target + ".\n");
    }
    StringBuilder out = new StringBuilder();
    messages.forEach(m -> out.append(m.line()).append('\n'));
    if (messages.stream().noneMatch(Analysis.Message::error)) {
      return ConsoleReply.ok(out.toString());
    }
    out.append("Error: Analyzers found issues when analyzing ").append(target).append(".\n");
    out.append("See ")
        .append(docs(scope))
        .append(" for more information about causes and resolutions.\n");
    return new ConsoleReply(out.toString(), ANALYZERS_FOUND_ISSUES, false);
  }

  private boolean namespaceExists(ConsoleScope scope, String namespace) {
    try {
      ResourceType ns = Target.single("namespaces");
      store.get(scope.sandbox(), ns, "v1", null, namespace);
      return true;
    } catch (KubeException e) {
      return false;
    }
  }

  private static String docs(ConsoleScope scope) {
    return "https://istio.io/v1." + scope.istioMinor() + "/docs/reference/config/analysis";
  }

  /** {@code -o yaml|json}: the messages as istioctl serialises them. */
  private String structured(List<Analysis.Message> messages, String format, ConsoleScope scope) {
    ArrayNode list = json.createArrayNode();
    for (Analysis.Message m : messages) {
      ObjectNode o = list.addObject();
      o.put("code", m.code());
      if (m.code().startsWith("IST")) {
        o.put(
            "documentationUrl",
            docs(scope) + "/" + m.code().toLowerCase(java.util.Locale.ROOT) + "/");
      }
      o.put("level", m.level());
      o.put("message", m.text());
      String ref = m.namespace().isEmpty() ? m.name() : m.namespace() + "/" + m.name();
      o.put("origin", m.kind() + " " + ref);
    }
    return serialized(list, format);
  }

  private String serialized(JsonNode node, String format) {
    if (format.equals("yaml")) {
      return Manifests.toYaml(node);
    }
    try {
      return json.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree built here is JSON", e);
    }
  }

  private ConsoleReply version(ConsoleScope scope, MeshTables mesh, IstioctlCommand command) {
    String v = scope.environment().istioctlVersion();
    if ("short".equals(command.output())) {
      return ConsoleReply.ok(v + "\n");
    }
    List<String> running =
        new ControlPlane(store.all(scope.sandbox()))
            .revisions().values().stream().distinct().sorted().toList();
    return ConsoleReply.ok(
        "client version: "
            + v
            + " (Mesh Dojo's terminal, answering from the sandbox's model)\n"
            + "control plane version: "
            + (running.isEmpty() ? "none (no istiod in istio-system)" : String.join(", ", running))
            + "\n"
            + mesh.dataPlaneVersions());
  }

  private ConsoleReply proxyConfig(ConsoleScope scope, MeshTables mesh, IstioctlCommand command) {
    ObjectNode pod = pod(mesh, scope, command.args().get(1));
    String table = command.args().get(0).replaceFirst("s$", "");
    boolean asJson = command.output() != null && !command.output().equals("short");
    return switch (table) {
      case "cluster" ->
          asJson
              ? ConsoleReply.ok(serialized(mesh.clustersJson(pod), command.output()))
              : ConsoleReply.ok(mesh.clusters(pod));
      case "route" ->
          asJson
              ? ConsoleReply.ok(serialized(mesh.routesJson(pod), command.output()))
              : ConsoleReply.ok(mesh.routes(pod));
      case "listener" ->
          asJson
              ? ConsoleReply.ok(serialized(mesh.listenersJson(pod), command.output()))
              : ConsoleReply.ok(mesh.listeners(pod));
      default ->
          asJson
              ? ConsoleReply.ok(serialized(mesh.endpointsJson(pod), command.output()))
              : ConsoleReply.ok(mesh.endpoints(pod));
    };
  }

  /**
   * {@code POD[.NS]}, {@code pod/POD[.NS]} or {@code deployment/NAME[.NS]} (its first pod), with a
   * sidecar: istioctl's own errors otherwise.
   */
  private static ObjectNode pod(MeshTables mesh, ConsoleScope scope, String arg) {
    int slash = arg.indexOf('/');
    String type = slash < 0 ? "pod" : arg.substring(0, slash);
    String named = arg.substring(slash + 1);
    int dot = named.indexOf('.');
    String name = dot < 0 ? named : named.substring(0, dot);
    String ns = dot < 0 ? scope.namespace() : named.substring(dot + 1);
    ObjectNode pod =
        switch (type) {
          case "pod", "pods", "po" ->
              mesh.pod(ns, name)
                  .orElseThrow(() -> new CommandError("Error: pods \"" + name + "\" not found"));
          case "deployment", "deployments", "deploy" ->
              mesh.firstPodOf(ns, name)
                  .orElseThrow(
                      () ->
                          new CommandError(
                              "Error: no pods found for deployment " + name + " in " + ns));
          default ->
              throw new CommandError(
                  "Error: unsupported resource type \""
                      + type
                      + "\": give a pod name or deployment/NAME");
        };
    if (!MeshTables.proxied(pod)) {
      throw new CommandError(
          "Error: pod "
              + MeshTables.qualified(pod)
              + " has no istio-proxy container: it is not in the mesh");
    }
    return pod;
  }
}

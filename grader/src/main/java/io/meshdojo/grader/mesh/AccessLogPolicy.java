package io.meshdojo.grader.mesh;

import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which proxies write an access log line for a request, as Istio 1.26 decides it. Without a
 * Telemetry, mesh config's {@code accessLogFile} decides (empty in both environments' default
 * profile; an install may set it, and then every sidecar logs every request). The Telemetry in
 * force is the most specific one with an {@code accessLogging} field: a workload's (selector, its
 * namespace) over its namespace's selector-less one over the root namespace's; that level's entries
 * replace the levels above. An entry logs when it is not {@code disabled}, names the built-in
 * {@code envoy} provider or none (the default provider writes to the proxy's stdout, which {@code
 * kubectl logs -c istio-proxy} shows), its {@code match.mode} covers the side (CLIENT, SERVER or
 * CLIENT_AND_SERVER, the default) and its {@code filter.expression} (CEL over {@code
 * response.code}, {@code response.flags}, {@code request.method}, {@code request.path}, {@code
 * request.headers}) is true; an expression that does not compile or fails to evaluate logs nothing,
 * as Envoy's filter treats an error.
 */
public final class AccessLogPolicy {

  /** Which side of a request a proxy is on. */
  public enum Side {
    CLIENT,
    SERVER
  }

  /** The built-in provider that writes to the proxy's standard output. */
  public static final String ENVOY_PROVIDER = "envoy";

  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .addVar("request", SimpleType.DYN)
          .addVar("response", SimpleType.DYN)
          .setResultType(SimpleType.BOOL)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Map<String, Optional<CelRuntime.Program>> PROGRAMS =
      new ConcurrentHashMap<>();

  private final Mesh mesh;

  public AccessLogPolicy(Mesh mesh) {
    this.mesh = mesh;
  }

  /** The Telemetry whose access logging applies to a proxy, if any. */
  public Optional<Resource> telemetryFor(Workload proxy) {
    List<Resource> withLogging =
        mesh.of("Telemetry").stream()
            .filter(r -> Telemetries.map(r.raw().get("spec")).containsKey("accessLogging"))
            .toList();
    return Telemetries.mostSpecific(
        withLogging,
        proxy,
        spec -> Telemetries.map(Telemetries.map(spec.get("selector")).get("matchLabels")));
  }

  /**
   * Does {@code proxy}, on {@code side} of the request, log it when it ends with {@code status} and
   * Envoy response flags {@code flags} ("-" for none)?
   */
  public boolean logs(Workload proxy, Side side, Request req, int status, String flags) {
    if (!proxy.sidecar()) {
      return false;
    }
    Optional<Resource> telemetry = telemetryFor(proxy);
    if (telemetry.isEmpty()) {
      // No Telemetry decides: the install's mesh config does (accessLogFile logs everything).
      return !MeshConfig.accessLogFile(mesh, proxy).isEmpty();
    }
    Map<String, Object> spec = Telemetries.map(telemetry.get().raw().get("spec"));
    for (Object o : Telemetries.list(spec.get("accessLogging"))) {
      Map<String, Object> entry = Telemetries.map(o);
      if (Boolean.TRUE.equals(entry.get("disabled")) || !writesToStdout(entry)) {
        continue;
      }
      String mode = String.valueOf(Telemetries.map(entry.get("match")).getOrDefault("mode", ""));
      boolean sideOk =
          mode.isEmpty()
              || mode.equals("CLIENT_AND_SERVER")
              || mode.equals(side == Side.CLIENT ? "CLIENT" : "SERVER");
      Object expression = Telemetries.map(entry.get("filter")).get("expression");
      if (sideOk
          && (expression == null || passes(String.valueOf(expression), req, status, flags))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The proxies (ids) that log one outcome of a request: the client's, and the server's when the
   * request reached a workload.
   */
  public List<String> loggedBy(Request req, Outcome outcome) {
    List<String> out = new ArrayList<>();
    Optional<Workload> client = mesh.workload(req.from());
    String flags = flags(outcome);
    if (client.isPresent() && logs(client.get(), Side.CLIENT, req, outcome.status(), flags)) {
      out.add(client.get().id());
    }
    Workload server = outcome.workload();
    if (server != null && logs(server, Side.SERVER, req, outcome.status(), flags)) {
      out.add(server.id());
    }
    return out;
  }

  /** Envoy's response flags for an outcome, as the access log shows them. */
  public static String flags(Outcome o) {
    return switch (o.kind()) {
      case NO_ROUTE -> "NR";
      case NO_UPSTREAM, UNKNOWN_HOST -> "UH";
      case RESET -> "UF";
      case ABORTED -> "FI";
      default -> o.delayMs() > 0 ? "DI" : "-";
    };
  }

  private static boolean writesToStdout(Map<String, Object> entry) {
    List<Object> providers = Telemetries.list(entry.get("providers"));
    return providers.isEmpty()
        || providers.stream().anyMatch(p -> ENVOY_PROVIDER.equals(Telemetries.map(p).get("name")));
  }

  private static boolean passes(String expression, Request req, int status, String flags) {
    Optional<CelRuntime.Program> program =
        PROGRAMS.computeIfAbsent(
            expression,
            x -> {
              try {
                return Optional.of(RUNTIME.createProgram(CEL.compile(x).getAst()));
              } catch (Exception e) {
                return Optional.empty();
              }
            });
    if (program.isEmpty()) {
      return false;
    }
    Map<String, Object> request =
        Map.of(
            "method",
            req.method(),
            "path",
            req.path(),
            "host",
            req.host(),
            "headers",
            Map.copyOf(req.headers()));
    Map<String, Object> response = Map.of("code", (long) status, "flags", flags);
    try {
      return Boolean.TRUE.equals(
          program.get().eval(Map.of("request", request, "response", response)));
    } catch (Exception e) {
      return false;
    }
  }
}

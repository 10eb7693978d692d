package io.meshdojo.grader.api;

import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.mesh.CallGraph;
import io.meshdojo.grader.mesh.DnsResolution;
import io.meshdojo.grader.mesh.JwtToken;
import io.meshdojo.grader.mesh.Lazyload;
import io.meshdojo.grader.mesh.Limits;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.MeshService;
import io.meshdojo.grader.mesh.MetaRoutes;
import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Request;
import io.meshdojo.grader.mesh.Router;
import io.meshdojo.grader.mesh.TlsHello;
import io.meshdojo.grader.mesh.Traffic;
import io.meshdojo.grader.mesh.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the mesh would do with one request from a workload, for a simulated data plane: the same
 * exact distribution the grader decides objectives on, with what a client and Envoy's access log
 * would show for each outcome (status, response flags, upstream cluster, Envoy's body). Built once
 * per sandbox state; immutable and thread-safe.
 */
public final class MeshAnswers {

  private final Router router;
  private final ProxyView proxies;

  private MeshAnswers(Router router) {
    this.router = router;
    this.proxies = new ProxyView(router.mesh());
  }

  /** What the same model says about each proxy: access logging, metrics, config size. */
  public ProxyView proxies() {
    return proxies;
  }

  /**
   * The mesh of a sandbox's objects given as plain maps; objects of kinds the grader does not model
   * are left out, invalid ones are skipped as the grader's intake skips them.
   */
  public static MeshAnswers of(List<Map<String, Object>> objects) {
    return of(objects, List.of());
  }

  /**
   * The same, with the environment's call graph ({@link Environment#calls()}): time then runs
   * through the calls a workload makes while it answers, as the grader carries it.
   */
  public static MeshAnswers of(List<Map<String, Object>> objects, List<Environment.Call> calls) {
    List<Map<String, Object>> modelled =
        objects.stream()
            .filter(
                o ->
                    Grader.models(
                        o.get("apiVersion") instanceof String s ? s : "",
                        o.get("kind") instanceof String k ? k : ""))
            .toList();
    return new MeshAnswers(
        new Router(
            new Mesh(ResourceIntake.readObjects("sandbox", modelled).resources()),
            CallGraph.of(
                calls.stream()
                    .map(
                        c ->
                            new CallGraph.Call(
                                c.from(), c.host(), c.port(), c.path(), c.timeoutMs()))
                    .toList())));
  }

  /**
   * One request as a client inside the mesh sends it.
   *
   * @param from the sending workload, {@code namespace/name} (a Deployment, or a bare Pod)
   * @param host what the client dials; a short name resolves in the client's namespace
   */
  public record Call(
      String from, String host, int port, String method, String path, Map<String, String> headers) {

    public Call {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * One possible result with its probability.
   *
   * @param outcome the kind in lower case, as in {@link ProbeTraffic.Share#outcome}
   * @param namespace the answering workload's namespace; null when no workload answered
   * @param workload the answering workload's name (a Deployment or a bare Pod); null when none did
   * @param version the answering workload's {@code version} label (its name when it has none)
   * @param delayMs injected delay (or the route timeout when that cut the request)
   * @param responseFlags Envoy's response flags, {@code -} when none
   * @param upstreamCluster Istio's cluster name, e.g. {@code
   *     outbound|9080|v2|reviews.bookinfo.svc.cluster.local}; {@code -} when none was chosen
   * @param upstreamHost the registry host that answered, null when none
   * @param inboundCluster the server side's cluster, e.g. {@code inbound|9080||}; null when the
   *     request never reached a server proxy
   * @param proxyBody the body Envoy itself answers with; null when the application answers
   * @param reason the model's decisions, in order, for explanations
   * @param via the gateways the request passed through on its way ({@code ns/workload}), first
   *     first; each forwards it as a client of its own
   * @param mirrors where copies of the request went, each for its share of the requests
   */
  public record Answer(
      String outcome,
      int status,
      String namespace,
      String workload,
      String version,
      String subset,
      long delayMs,
      double probability,
      String responseFlags,
      String upstreamCluster,
      String upstreamHost,
      String inboundCluster,
      String proxyBody,
      List<String> reason,
      List<String> via,
      List<Mirror> mirrors) {

    public Answer {
      reason = List.copyOf(reason);
      via = via == null ? List.of() : List.copyOf(via);
      mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /** Whether the application behind the proxy answered (and writes the body). */
    public boolean reached() {
      return "reached".equals(outcome);
    }

    /**
     * The same request refused by a proxy on its way: Envoy answers {@code status} with {@code
     * body} and response flag {@code flag}, {@code why} added to the reasons; where it was headed
     * stays as it was.
     */
    public Answer refused(String kind, int status, String flag, String body, String why) {
      List<String> reasons = new ArrayList<>(reason);
      reasons.add(why);
      return new Answer(
          kind,
          status,
          namespace,
          workload,
          version,
          subset,
          delayMs,
          probability,
          flag,
          upstreamCluster,
          upstreamHost,
          inboundCluster,
          body,
          reasons,
          via,
          mirrors);
    }
  }

  /**
   * A copy of a request (VirtualService {@code mirror}): sent to workload {@code namespace/name}
   * for {@code share} of the requests, its answer discarded.
   */
  public record Mirror(String namespace, String workload, double share) {}

  /**
   * The Slime ServiceFence ({@code namespace/name}) whose rendered Sidecar the workload's proxy
   * runs under, if any: where Slime records the hosts it reaches through the global-sidecar.
   */
  public Optional<String> learningFence(String from, Answer answer) {
    if (answer.upstreamHost() == null || !Lazyload.isFallbackCluster(answer.upstreamCluster())) {
      return Optional.empty();
    }
    Mesh mesh = router.mesh();
    return mesh.workload(from).flatMap(w -> Lazyload.fenceOf(mesh, w));
  }

  /** Whether a workload {@code namespace/name} exists in the model. */
  public boolean hasWorkload(String id) {
    return router.mesh().workload(id).isPresent();
  }

  /** Whether the workload runs an Istio proxy; false for unknown workloads. */
  public boolean hasSidecar(String id) {
    return router.mesh().workload(id).map(Workload::sidecar).orElse(false);
  }

  /**
   * The registry host a name resolves to from {@code namespace}, e.g. {@code
   * reviews.bookinfo.svc.cluster.local}; empty when the registry has no such host.
   */
  public Optional<String> registryHost(String host, String namespace) {
    return DnsResolution.registryHost(router.mesh(), host, namespace);
  }

  /**
   * A request that arrives at a gateway's listener: what a client reaches when it dials the
   * gateway's Service. The gateway routes by the Host header (plain HTTP) or the SNI (TLS).
   *
   * @param gateway the gateway workload, {@code namespace/name}
   * @param host the Host header, or the server name for TLS
   * @param port the Service port the client dialled (the Gateway server's port)
   * @param sni the server name sent in TLS (https); null for plain HTTP
   * @param clientCert whether the client presents a certificate ({@code curl --cert})
   * @param bearer the token of an {@code Authorization: Bearer} header; null for none
   */
  public record GatewayCall(
      String gateway,
      String host,
      int port,
      String method,
      String path,
      Map<String, String> headers,
      String sni,
      boolean clientCert,
      String bearer) {

    public GatewayCall {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * The gateway workload ({@code namespace/name}) behind a registry host, when the host is a
   * gateway's Service: its pods run a gateway proxy (label {@code istio}) or a Gateway selects
   * them.
   */
  public Optional<String> gatewayBehind(String fqdn) {
    Mesh mesh = router.mesh();
    return mesh.service(fqdn).stream()
        .flatMap(s -> mesh.endpoints(s).stream())
        .filter(w -> w.labels().containsKey("istio") || !mesh.gatewaysOf(w).isEmpty())
        .map(Workload::id)
        .findFirst();
  }

  /** Every possible result of a request entering a gateway, probabilities adding up to 1. */
  public List<Answer> answerAtGateway(GatewayCall call) {
    // A certificate curl presents is taken to be one the gateway's credential trusts.
    TlsHello tls =
        call.sni() == null
            ? null
            : new TlsHello(
                call.sni(),
                call.clientCert() ? TlsHello.ClientCert.SIGNED : TlsHello.ClientCert.NONE);
    Request request =
        new Request(
            call.gateway(),
            call.host(),
            call.port(),
            call.method(),
            call.path(),
            call.headers(),
            call.port(),
            tls,
            JwtToken.fromBearer(call.bearer()));
    List<Answer> answers = new ArrayList<>();
    for (Outcome o : router.route(request)) {
      answers.add(toAnswer(o, call.host(), call.port()));
    }
    return answers;
  }

  /**
   * A Slime local rate limit in force on a service's pods, every request counted.
   *
   * @param tokensPerSecond each pod's bucket per second ({@code global}: the service's)
   * @param perPod whether each pod has its own bucket
   */
  public record RateLimit(double tokensPerSecond, boolean perPod) {}

  /** The rate limit Slime renders for requests to {@code fqdn} on {@code port}, if any. */
  public Optional<RateLimit> rateLimit(String fqdn, int port) {
    String[] parts = fqdn == null ? new String[0] : fqdn.split("\\.");
    if (parts.length != 5 || !fqdn.endsWith(".svc.cluster.local")) {
      return Optional.empty();
    }
    Mesh mesh = router.mesh();
    int pods =
        mesh.service(fqdn).stream()
            .flatMap(s -> mesh.endpoints(s).stream())
            .mapToInt(Workload::replicas)
            .sum();
    return new Limits(mesh)
        .effect(parts[1], parts[0], port, pods)
        .filter(e -> e.always() && e.everyRequest())
        .map(e -> new RateLimit(e.perPodPerSecond(), e.local()));
  }

  /**
   * Whether a name resolves in a pod of workload {@code from}: a Kubernetes Service, a ServiceEntry
   * host the sidecar's DNS proxy answers, or a public name ({@link DnsResolution}); false is curl's
   * "could not resolve host". Unknown workloads resolve everything, as before DNS was modelled.
   */
  public boolean resolves(String from, String host) {
    Mesh mesh = router.mesh();
    return mesh.workload(from)
        .map(w -> new DnsResolution(mesh).resolve(w, host).resolved())
        .orElse(true);
  }

  /**
   * Whether the client's proxy sent the answer's request over Istio mTLS, as the router decided it
   * (DestinationRule tls, else auto mTLS towards a server sidecar that does not disable it); false
   * when no workload answered.
   */
  public boolean mutualTls(String from, Answer answer, int port) {
    Mesh mesh = router.mesh();
    Optional<Workload> client = mesh.workload(from);
    Optional<Workload> server =
        answer.workload() == null
            ? Optional.empty()
            : mesh.workload(answer.namespace() + "/" + answer.workload());
    if (client.isEmpty() || server.isEmpty() || answer.upstreamHost() == null) {
      return false;
    }
    return router
        .security()
        .sendsMtls(
            client.get(),
            server.get(),
            answer.upstreamHost(),
            answer.subset(),
            port,
            targetPort(answer.upstreamHost(), port));
  }

  /**
   * Every possible result of a MetaProtocol (Dubbo, Thrift) call through Aeraki, probabilities
   * adding up to 1.
   *
   * @param attributes the call's attributes ({@code interface}, {@code method}…)
   */
  public List<Answer> answerMeta(
      String from, String host, int port, Map<String, String> attributes) {
    List<Answer> answers = new ArrayList<>();
    for (Outcome o : new MetaRoutes(router.mesh()).call(from, host, attributes)) {
      answers.add(toAnswer(o, host, port));
    }
    return answers;
  }

  /** Every possible result of the call, probabilities adding up to 1. */
  public List<Answer> answer(Call call) {
    return answer(call, false);
  }

  /**
   * The same for a client that speaks TLS itself (curl to an https URL): its sidecar sees no HTTP,
   * so HTTP rules do not apply, and a blocked host resets the connection instead of answering 502.
   */
  public List<Answer> answer(Call call, boolean tls) {
    return answer(call, tls, 1);
  }

  /**
   * The same for one of {@code concurrency} requests kept in flight at once (a load generator's
   * connections): beyond the connection pool's capacity, 503 with flag {@code UO} for the share
   * {@link io.meshdojo.grader.mesh.ConnectionPools#overflowShare} gives.
   */
  public List<Answer> answer(Call call, boolean tls, int concurrency) {
    Request request =
        new Request(
            call.from(),
            call.host(),
            call.port(),
            call.method(),
            call.path(),
            call.headers(),
            null);
    String namespace = call.from().contains("/") ? call.from().split("/", 2)[0] : "default";
    String requested = Mesh.fqdn(call.host(), namespace);
    List<Answer> answers = new ArrayList<>();
    Traffic traffic = new Traffic(tls, concurrency, Traffic.Upstream.HEALTHY, null);
    for (Outcome o : router.route(request, traffic)) {
      answers.add(toAnswer(o, requested, call.port()));
    }
    return answers;
  }

  private Answer toAnswer(Outcome o, String requestedHost, int port) {
    Workload server = o.workload();
    String host = server == null ? null : hostServing(server, requestedHost, port);
    // A full pool refuses before any endpoint is picked, in the cluster of the requested host.
    String clusterHost = o.kind() == Outcome.Kind.OVERFLOW ? requestedHost : host;
    String cluster =
        clusterHost == null
            ? "-"
            : "outbound|" + port + "|" + (o.subset() == null ? "" : o.subset()) + "|" + clusterHost;
    if (host != null && o.via().contains(Lazyload.GLOBAL_SIDECAR_ID)) {
      // The client's proxy knew no route for the host: it sent the request to the global-sidecar.
      cluster = Lazyload.fallbackCluster(port);
    }
    String inbound = server == null ? null : "inbound|" + targetPort(host, port) + "||";
    String outcome = o.kind().name().toLowerCase(Locale.ROOT);
    String flags = flags(o);
    int status = o.status();
    long delay = o.delayMs();
    String body = proxyBody(o);
    boolean timedOut = o.timeoutMs() > 0 && delay >= o.timeoutMs();
    if (timedOut) {
      // The route's timeout fires before the (delayed) answer arrives.
      status = 504;
      delay = o.timeoutMs();
      flags = "UT";
      body = "upstream request timeout";
      outcome = "timeout";
      inbound = null;
    } else if (o.delayMs() > 0) {
      flags = "-".equals(flags) ? "DI" : "DI," + flags;
    }
    return new Answer(
        outcome,
        status,
        server == null ? null : server.namespace(),
        server == null ? null : server.name(),
        server == null ? null : server.version(),
        o.subset(),
        delay,
        o.probability(),
        flags,
        o.kind() == Outcome.Kind.NO_ROUTE ? "-" : cluster,
        host,
        o.kind() == Outcome.Kind.REACHED || o.kind() == Outcome.Kind.DENIED ? inbound : null,
        body,
        o.trace(),
        o.via(),
        o.mirrors().stream()
            .map(m -> new Mirror(m.workload().namespace(), m.workload().name(), m.share()))
            .toList());
  }

  /** The requested host when its service selects the server, else any service that does. */
  private String hostServing(Workload server, String requestedHost, int port) {
    Mesh mesh = router.mesh();
    Optional<MeshService> requested = mesh.service(requestedHost);
    if (requested.isPresent() && mesh.endpoints(requested.get()).contains(server)) {
      return requestedHost;
    }
    for (MeshService s : mesh.services()) {
      if (s.port(port) != null && mesh.endpoints(s).contains(server)) {
        return s.hosts().get(0);
      }
    }
    return requestedHost;
  }

  private int targetPort(String host, int port) {
    if (host == null) {
      return port;
    }
    return router
        .mesh()
        .service(host)
        .map(s -> s.port(port))
        .map(MeshService.ServicePort::targetPort)
        .orElse(port);
  }

  private static boolean traceSays(Outcome o, String text) {
    return o.trace().stream().anyMatch(step -> step.contains(text));
  }

  /** Envoy's response flags for the outcome, as its access log prints them. */
  private static String flags(Outcome o) {
    return switch (o.kind()) {
      case REACHED, REDIRECTED, DIRECT_RESPONSE -> "-";
      case DENIED -> traceSays(o, "(CUSTOM") ? "UAEX" : "-";
      case NO_ROUTE -> "NR";
      case NO_UPSTREAM -> traceSays(o, "defined in no DestinationRule") ? "NC" : "UH";
      // A plaintext-only server fails the client's TLS handshake; a STRICT server closes a
      // plaintext connection once it sees no TLS.
      case RESET -> traceSays(o, "refuses mTLS") ? "UF,URX" : "UC";
      case ABORTED -> "FI";
      case UNKNOWN_HOST -> "NR";
      case BLOCKED -> o.flag() != null ? o.flag() : "-";
      case TIMED_OUT -> o.flag() != null ? o.flag() : "UT";
      case OVERFLOW -> o.flag() != null ? o.flag() : "UO";
      case UPSTREAM_ERROR -> o.flag() != null ? o.flag() : "URX";
      case HANDSHAKE_FAILED -> "-";
    };
  }

  /** What Envoy answers with itself; null when the application writes the body. */
  private static String proxyBody(Outcome o) {
    return switch (o.kind()) {
      case REACHED, REDIRECTED -> null;
      case DIRECT_RESPONSE, NO_ROUTE, UNKNOWN_HOST -> "";
      case DENIED ->
          o.status() != 401
              ? "RBAC: access denied"
              : traceSays(o, "fails verification")
                  ? "Jwt verification fails"
                  : traceSays(o, "audience")
                      ? "Audiences in Jwt are not allowed"
                      : "Jwt issuer is not configured";
      case NO_UPSTREAM ->
          traceSays(o, "defined in no DestinationRule") ? "" : "no healthy upstream";
      case RESET ->
          traceSays(o, "refuses mTLS")
              ? "upstream connect error or disconnect/reset before headers. retried and the latest"
                  + " reset reason: remote connection failure, transport failure reason: TLS_error:"
                  + " WRONG_VERSION_NUMBER"
              : "upstream connect error or disconnect/reset before headers. reset reason:"
                  + " connection termination";
      case ABORTED -> "fault filter abort";
      case TIMED_OUT -> "upstream request timeout";
      case OVERFLOW ->
          "upstream connect error or disconnect/reset before headers. reset reason: overflow";
      case BLOCKED -> "";
      case UPSTREAM_ERROR, HANDSHAKE_FAILED -> null;
    };
  }
}

package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.api.networking.v1alpha3.Delegate;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.meshdojo.grader.model.Durations;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "what happens to this request?": VirtualService selection and rule matching on the
 * client's proxy, faults, weights, subsets to endpoints, then mTLS and authorization on the
 * server's proxy. The answer is an exact distribution of outcomes, not a sample.
 */
public final class Router {

  /** Istio's default retry policy: 2 attempts (connect-failure, refused-stream, unavailable…). */
  public static final int DEFAULT_RETRY_ATTEMPTS = 2;

  /** How deep a request may travel through gateways and the call graph before the model stops. */
  private static final int MAX_DEPTH = 6;

  private final Mesh mesh;
  private final Security security;
  private final GatewayListeners listeners;
  private final JwtAuthentication jwt;
  private final ExternalServices external;
  private final Latency latency;
  private final ConnectionPools pools;
  private final Traffic traffic;
  private final int depth;
  private final SidecarScope scope;

  /**
   * How long each workload takes to answer, by workload and forwarded headers: the same for every
   * probe of a grade, so computed once (the router of one grade is used by one thread).
   */
  private final Map<List<Object>, Map<Long, Double>> answerTimes;

  public Router(Mesh mesh) {
    this(mesh, CallGraph.NONE);
  }

  /** A router whose workloads make the calls of {@code calls} while they answer. */
  public Router(Mesh mesh, CallGraph calls) {
    this.scope = new SidecarScope(mesh);
    this.mesh = mesh;
    this.security = new Security(mesh);
    this.listeners = new GatewayListeners(mesh);
    this.jwt = new JwtAuthentication(mesh);
    this.external = new ExternalServices(mesh);
    this.latency = new Latency(calls);
    this.pools = new ConnectionPools(mesh);
    this.traffic = Traffic.PLAIN;
    this.depth = 0;
    this.answerTimes = new HashMap<>();
  }

  /** The same mesh, answering for requests under other traffic conditions, one hop deeper. */
  private Router(Router base, Traffic traffic, int depth) {
    this.mesh = base.mesh;
    this.security = base.security;
    this.listeners = base.listeners;
    this.jwt = base.jwt;
    this.external = base.external;
    this.latency = base.latency;
    this.pools = base.pools;
    this.traffic = traffic;
    this.depth = depth;
    this.answerTimes = base.answerTimes;
    this.scope = base.scope;
  }

  public GatewayListeners listeners() {
    return listeners;
  }

  public Mesh mesh() {
    return mesh;
  }

  public Security security() {
    return security;
  }

  /** {@link #route(Request)} for requests sent under {@code conditions}. */
  public List<Outcome> route(Request req, Traffic conditions) {
    return new Router(this, conditions, depth).route(req);
  }

  /** A request a workload or gateway sends on while it answers: plain traffic, one level deeper. */
  private List<Outcome> nested(Request req) {
    if (depth >= MAX_DEPTH) {
      return List.of(fail(Outcome.Kind.NO_UPSTREAM, 503, "the request loops through the mesh"));
    }
    return new Router(this, Traffic.PLAIN, depth + 1).route(req);
  }

  /** Every possible outcome of the request with its probability; probabilities add up to 1. */
  public List<Outcome> route(Request req) {
    Workload client = mesh.workload(req.from()).orElse(null);
    if (client == null) {
      return List.of(fail(Outcome.Kind.UNKNOWN_HOST, 0, "no workload " + req.from()));
    }
    List<Outcome> raw =
        req.gatewayPort() != null ? viaGateway(client, req) : viaSidecar(client, req);
    return merge(raw);
  }

  private List<Outcome> viaSidecar(Workload client, Request req) {
    String host = Mesh.fqdn(req.host(), client.namespace());
    var service = external.lookup(host, client.namespace());
    if (service.isEmpty()) {
      if (!host.endsWith(".svc.cluster.local") && host.contains(".")) {
        // Outside the cluster's DNS: the outbound traffic policy decides (no sidecar: straight
        // out).
        return client.sidecar()
            ? ExternalServices.unregistered(
                host, req.port(), traffic.tls(), scope.outboundMode(client))
            : List.of(Workload.outside(host)).stream()
                .map(
                    w ->
                        new Outcome(
                            Outcome.Kind.REACHED,
                            200,
                            w,
                            null,
                            0,
                            1.0,
                            List.of("no sidecar: straight out")))
                .toList();
      }
      return List.of(
          fail(Outcome.Kind.UNKNOWN_HOST, 503, "host " + host + " is not in the registry"));
    }
    if (!client.sidecar() || traffic.tls()) {
      // Without a sidecar nothing routes; with TLS from the application the sidecar sees no HTTP,
      // so HTTP rules do not apply (TLS routes are not modelled here).
      return defaultRoute(
          client,
          req,
          host,
          service.get(),
          List.of(
              client.sidecar()
                  ? "TLS from the application: HTTP rules do not apply"
                  : "client has no sidecar: no routing rules apply"));
    }
    if (!scope.holds(client, host)) {
      // The host is outside the client's Sidecar egress: its proxy has no cluster for it.
      String sidecar = scope.sidecarFor(client).map(Resource::ref).orElse("");
      Optional<Workload> global = Lazyload.fallback(mesh, client, req.port());
      if (global.isPresent()) {
        // Slime's lazyload: the proxy's default route leads to the global-sidecar, which holds
        // every service and forwards the request by its Host, under its own identity.
        Request forwarded =
            new Request(
                global.get().id(),
                host,
                req.port(),
                req.method(),
                req.path(),
                req.headers(),
                null,
                null,
                req.jwt());
        String step =
            host
                + " is not in the egress of "
                + sidecar
                + ": Slime's lazyload sends it to "
                + Lazyload.fallbackCluster(req.port());
        return nested(forwarded).stream()
            .map(o -> o.through(Lazyload.GLOBAL_SIDECAR_ID).plusTrace(step))
            .toList();
      }
      if (scope.registryOnly(client)) {
        return List.of(
            fail(
                Outcome.Kind.NO_UPSTREAM,
                502,
                host + " is not in the egress of " + sidecar + ": BlackHoleCluster"));
      }
      return defaultRoute(
          client,
          req,
          host,
          service.get(),
          List.of(host + " is not in the egress of " + sidecar + ": PassthroughCluster"));
    }
    for (Resource r : candidates(client, host)) {
      VirtualService vs = r.as(VirtualService.class);
      List<HTTPRoute> rules = vs.getSpec().getHttp();
      if (rules == null || rules.isEmpty()) {
        continue;
      }
      List<Integer> kept = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        if (ruleAdmitsClient(rules.get(i), client, "mesh", r.namespace())) {
          kept.add(i);
        }
      }
      if (kept.isEmpty()) {
        return defaultRoute(
            client,
            req,
            host,
            service.get(),
            List.of("every rule of " + r.ref() + " excludes this client"));
      }
      return applyRules(client, req, r, rules, kept);
    }
    return defaultRoute(client, req, host, service.get(), List.of("no VirtualService for " + host));
  }

  private List<Outcome> viaGateway(Workload gatewayPod, Request arriving) {
    GatewayListeners.Entry entry = listeners.enter(gatewayPod, arriving);
    if (entry.answer() != null) {
      return entry.answer();
    }
    // The gateway's own HTTP filters run before its routes: JWT (401), then RBAC (403); policies
    // that select it (a root-namespace policy without selector included) decide first. The caller
    // is outside the mesh: no peer identity.
    Outcome refused = edgeFilters(gatewayPod, arriving);
    if (refused != null) {
      return List.of(refused);
    }
    Request req = arriving.withJwt(jwt.authenticate(gatewayPod, arriving.jwt()).forwarded());
    if (entry.redirect() != null) {
      return List.of(
          fail(
              Outcome.Kind.REDIRECTED,
              301,
              "server of " + entry.redirect().ref() + " redirects plain HTTP to HTTPS"));
    }
    List<String> gateways = entry.gateways();
    if (gateways.isEmpty()) {
      return List.of(
          fail(
              Outcome.Kind.NO_ROUTE,
              404,
              "no Gateway server on port " + req.gatewayPort() + " for " + req.host()));
    }
    // Gateway-bound VirtualServices are merged: their rules are tried in order.
    for (Resource r : mesh.of("VirtualService")) {
      var spec = r.as(VirtualService.class).getSpec();
      if (spec.getGateways() == null || spec.getHttp() == null) {
        continue;
      }
      String bound = null;
      for (String g : spec.getGateways()) {
        if (gateways.contains(Mesh.gatewayRef(g, r.namespace()))) {
          bound = Mesh.gatewayRef(g, r.namespace());
        }
      }
      if (bound == null
          || spec.getHosts().stream()
              .noneMatch(
                  h ->
                      Mesh.hostMatches(Mesh.fqdn(h, r.namespace()), req.host())
                          || h.equals(req.host()))) {
        continue;
      }
      List<Integer> kept = new ArrayList<>();
      for (int i = 0; i < spec.getHttp().size(); i++) {
        if (ruleAdmitsClient(spec.getHttp().get(i), gatewayPod, bound, r.namespace())) {
          kept.add(i);
        }
      }
      for (int i : kept) {
        Optional<List<Outcome>> applied = applyRule(gatewayPod, req, r, spec.getHttp().get(i), i);
        if (applied.isPresent()) {
          return applied.get();
        }
      }
    }
    return List.of(fail(Outcome.Kind.NO_ROUTE, 404, "no gateway VirtualService rule matches"));
  }

  /**
   * RequestAuthentication (401) and AuthorizationPolicy (403) of the gateway's own proxy for a
   * request from outside the mesh; null when both let it pass.
   */
  private Outcome edgeFilters(Workload gatewayPod, Request req) {
    Outcome unauthenticated = jwtRefusal(gatewayPod, req, List.of());
    if (unauthenticated != null) {
      return unauthenticated;
    }
    Security.Decision d = security.authorize(gatewayPod, false, gatewayPod, req.gatewayPort(), req);
    if (!d.allowed()) {
      return new Outcome(
          Outcome.Kind.DENIED,
          403,
          gatewayPod,
          null,
          0,
          1.0,
          List.of("RBAC at " + gatewayPod.id() + ": " + d.policy()));
    }
    return null;
  }

  /** 401 at {@code server} when its RequestAuthentication refuses the request's token. */
  private Outcome jwtRefusal(Workload server, Request req, List<String> trace) {
    String refusal = jwt.authenticate(server, req.jwt()).refusal();
    if (refusal == null) {
      return null;
    }
    List<String> t = new ArrayList<>(trace);
    t.add("JWT at " + server.id() + ": " + refusal);
    return new Outcome(Outcome.Kind.DENIED, 401, server, null, 0, 1.0, t);
  }

  /** Mesh-bound VirtualServices for a host visible to the client, client namespace first. */
  public List<Resource> candidates(Workload client, String host) {
    List<Resource> same = new ArrayList<>();
    List<Resource> other = new ArrayList<>();
    for (Resource r : mesh.of("VirtualService")) {
      VirtualService vs = r.as(VirtualService.class);
      if (isDelegate(vs)
          || !Mesh.meshBound(vs)
          || !Mesh.visible(vs.getSpec().getExportTo(), r.namespace(), client.namespace())) {
        continue;
      }
      boolean hostOk = false;
      for (String h : vs.getSpec().getHosts()) {
        if (Mesh.hostMatches(Mesh.fqdn(h, r.namespace()), host)) {
          hostOk = true;
        }
      }
      if (hostOk) {
        (r.namespace().equals(client.namespace()) ? same : other).add(r);
      }
    }
    same.addAll(other);
    return same;
  }

  private static boolean ruleAdmitsClient(
      HTTPRoute rule, Workload client, String gateway, String vsNs) {
    if (rule.getMatch() == null || rule.getMatch().isEmpty()) {
      return true;
    }
    for (HTTPMatchRequest m : rule.getMatch()) {
      boolean gwOk =
          m.getGateways() == null
              || m.getGateways().isEmpty()
              || m.getGateways().stream().anyMatch(g -> Mesh.gatewayRef(g, vsNs).equals(gateway));
      if (gwOk && Matching.admitsClient(m, client)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ruleMatchesRequest(HTTPRoute rule, Request req, int port) {
    if (rule.getMatch() == null || rule.getMatch().isEmpty()) {
      return true;
    }
    for (HTTPMatchRequest m : rule.getMatch()) {
      if (Matching.matches(m, req, port)) {
        return true;
      }
    }
    return false;
  }

  private List<Outcome> applyRules(
      Workload client, Request req, Resource vsRes, List<HTTPRoute> rules, List<Integer> kept) {
    for (int i : kept) {
      Optional<List<Outcome>> applied = applyRule(client, req, vsRes, rules.get(i), i);
      if (applied.isPresent()) {
        return applied.get();
      }
    }
    return List.of(fail(Outcome.Kind.NO_ROUTE, 404, "no rule of " + vsRes.ref() + " matches"));
  }

  /**
   * The outcomes of one rule, or empty when the request does not match it. A {@code delegate} rule
   * is replaced by the delegate VirtualService's rules, each matching only what the root rule and
   * its own match both accept (Istio merges them so, for sidecars and gateways alike); when none of
   * them matches, or the delegate does not exist, the next root rule is tried.
   */
  private Optional<List<Outcome>> applyRule(
      Workload client, Request req, Resource vsRes, HTTPRoute rule, int i) {
    int port = req.gatewayPort() != null ? req.gatewayPort() : req.port();
    if (!ruleMatchesRequest(rule, req, port)) {
      return Optional.empty();
    }
    if (rule.getDelegate() != null) {
      Optional<Resource> delegate = delegate(rule.getDelegate(), vsRes.namespace());
      if (delegate.isEmpty()) {
        return Optional.empty();
      }
      List<HTTPRoute> inner = delegate.get().as(VirtualService.class).getSpec().getHttp();
      for (int j = 0; inner != null && j < inner.size(); j++) {
        if (inner.get(j).getDelegate() == null) { // delegation is one level deep
          Optional<List<Outcome>> applied = applyRule(client, req, delegate.get(), inner.get(j), j);
          if (applied.isPresent()) {
            return applied;
          }
        }
      }
      return Optional.empty();
    }
    return Optional.of(applyMatched(client, req, vsRes, rule, i));
  }

  /** The delegate a rule names: hostless, in its namespace (default: the root's), visible to it. */
  private Optional<Resource> delegate(Delegate ref, String rootNs) {
    String ns =
        ref.getNamespace() == null || ref.getNamespace().isBlank() ? rootNs : ref.getNamespace();
    return mesh.of("VirtualService").stream()
        .filter(r -> r.namespace().equals(ns) && r.name().equals(ref.getName()))
        .filter(r -> isDelegate(r.as(VirtualService.class)))
        .filter(r -> Mesh.visible(r.as(VirtualService.class).getSpec().getExportTo(), ns, rootNs))
        .findFirst();
  }

  /** A delegate VirtualService has no hosts of its own. */
  static boolean isDelegate(VirtualService vs) {
    return vs.getSpec() == null
        || vs.getSpec().getHosts() == null
        || vs.getSpec().getHosts().isEmpty();
  }

  private List<Outcome> applyMatched(
      Workload client, Request req, Resource vsRes, HTTPRoute rule, int i) {
    String ruleName = rule.getName() != null ? "'" + rule.getName() + "'" : "#" + (i + 1);
    String where = "rule " + ruleName + " of " + vsRes.ref();
    if (rule.getRedirect() != null) {
      int code =
          rule.getRedirect().getRedirectCode() == null
              ? 301
              : rule.getRedirect().getRedirectCode().intValue();
      return List.of(fail(Outcome.Kind.REDIRECTED, code, where + " redirects"));
    }
    if (rule.getDirectResponse() != null) {
      int code =
          rule.getDirectResponse().getStatus() == null
              ? 200
              : rule.getDirectResponse().getStatus().intValue();
      return List.of(fail(Outcome.Kind.DIRECT_RESPONSE, code, where + " answers directly"));
    }
    List<HTTPRouteDestination> dests = rule.getRoute() == null ? List.of() : rule.getRoute();
    List<Outcome> out = new ArrayList<>();
    long total =
        dests.size() == 1
            ? 1
            : dests.stream().mapToLong(d -> d.getWeight() == null ? 0 : d.getWeight()).sum();
    for (HTTPRouteDestination d : dests) {
      double share =
          dests.size() == 1 ? 1.0 : (d.getWeight() == null ? 0 : d.getWeight()) / (double) total;
      if (share <= 0 || d.getDestination() == null) {
        continue;
      }
      String host = Mesh.fqdn(d.getDestination().getHost(), vsRes.namespace());
      int dport =
          d.getDestination().getPort() != null && d.getDestination().getPort().getNumber() != null
              ? d.getDestination().getPort().getNumber().intValue()
              : req.port();
      for (Outcome o :
          toDestination(client, req, host, dport, d.getDestination().getSubset(), List.of(where))) {
        out.add(o.withProbability(o.probability() * share));
      }
    }
    if (out.isEmpty()) {
      return List.of(fail(Outcome.Kind.NO_UPSTREAM, 503, where + " has no destination"));
    }
    Latency.Policy policy = Latency.Policy.of(rule);
    List<Outcome.Mirror> mirrors = Mirroring.of(rule, vsRes.namespace(), client, mesh);
    List<Outcome> routed = new ArrayList<>();
    for (Outcome o : timed(out, req, policy)) {
      routed.add(o.withRouteSettings(policy.timeoutMs(), policy.attempts()).withMirrors(mirrors));
    }
    return applyFault(rule.getFault(), routed, where);
  }

  /**
   * Faults apply on the client side. A delay takes {@code percentage}, else the deprecated integer
   * {@code percent}; with neither, nothing is injected (istiod translates the missing value to 0%).
   */
  private static List<Outcome> applyFault(
      HTTPFaultInjection fault, List<Outcome> outcomes, String where) {
    if (fault == null) {
      return outcomes;
    }
    List<Outcome> result = outcomes;
    if (fault.getDelay() != null
        && fault.getDelay().getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay fixed) {
      double p = delayPercent(fault.getDelay()) / 100.0;
      long ms = Durations.millis(fixed.getFixedDelay()).orElse(0);
      List<Outcome> next = new ArrayList<>();
      for (Outcome o : result) {
        if (p > 0) {
          next.add(
              o.withProbability(o.probability() * p)
                  .withDelay(o.delayMs() + ms)
                  .plusTrace(where + " delays by " + ms + " ms"));
        }
        if (p < 1) {
          next.add(o.withProbability(o.probability() * (1 - p)));
        }
      }
      result = next;
    }
    if (fault.getAbort() != null
        && fault.getAbort().getPercentage() != null
        && fault.getAbort().getPercentage().getValue() != null
        && fault.getAbort().getErrorType() instanceof HTTPFaultInjectionAbortHttpStatus status) {
      double p = fault.getAbort().getPercentage().getValue() / 100.0;
      List<Outcome> next = new ArrayList<>();
      for (Outcome o : result) {
        if (p > 0) {
          next.add(
              new Outcome(
                  Outcome.Kind.ABORTED,
                  status.getHttpStatus(),
                  null,
                  null,
                  o.delayMs(),
                  o.probability() * p,
                  List.of(where + " aborts with " + status.getHttpStatus())));
        }
        if (p < 1) {
          next.add(o.withProbability(o.probability() * (1 - p)));
        }
      }
      result = next;
    }
    return result;
  }

  /** The delay's share in percent: percentage, else the deprecated percent, else 0. */
  public static double delayPercent(
      io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelay delay) {
    if (delay.getPercentage() != null && delay.getPercentage().getValue() != null) {
      return delay.getPercentage().getValue();
    }
    return delay.getPercent() == null ? 0 : delay.getPercent();
  }

  private List<Outcome> defaultRoute(
      Workload client, Request req, String host, MeshService service, List<String> trace) {
    List<Outcome> out = toDestination(client, req, host, req.port(), null, trace);
    if (!client.sidecar()) {
      return out;
    }
    List<Outcome> routed = new ArrayList<>();
    for (Outcome o : timed(out, req, Latency.Policy.DEFAULT)) {
      routed.add(o.withRouteSettings(0, DEFAULT_RETRY_ATTEMPTS));
    }
    return routed;
  }

  private Map<Long, Double> answerTime(Workload server, Request req) {
    List<Object> key = List.of(server.id(), req.headers());
    Map<Long, Double> known = answerTimes.get(key);
    if (known == null) {
      known = latency.answerTime(server, req, this::nested);
      answerTimes.put(key, known);
    }
    return known;
  }

  /**
   * Reached outcomes with the time their workloads take, through the route's tries and timeouts.
   */
  private List<Outcome> timed(List<Outcome> outcomes, Request req, Latency.Policy policy) {
    return Latency.apply(
        outcomes,
        policy,
        traffic.upstream(),
        o ->
            o.workload().external() || !o.via().isEmpty()
                ? Map.of(0L, 1.0)
                : answerTime(o.workload(), req));
  }

  /** From a chosen destination (host, port, optional subset) to endpoints and the server side. */
  private List<Outcome> toDestination(
      Workload client, Request req, String host, int port, String subset, List<String> trace) {
    var service = external.lookup(host, client.namespace());
    if (service.isEmpty()) {
      return List.of(
          failAfter(
              trace,
              Outcome.Kind.NO_UPSTREAM,
              503,
              "destination " + host + " is not in the registry"));
    }
    if (ExternalServices.outside(service.get())) {
      return List.of(outside(client, host, port, service.get(), trace));
    }
    var subsetEndpoints = mesh.endpoints(service.get(), host, subset, client.namespace());
    if (subsetEndpoints.isEmpty()) {
      return List.of(
          failAfter(
              trace,
              Outcome.Kind.NO_UPSTREAM,
              503,
              "subset " + subset + " of " + host + " is defined in no DestinationRule"));
    }
    List<Workload> endpoints =
        pools.remaining(
            host, port, subset, client.namespace(), subsetEndpoints.get(), traffic.pastErrors());
    if (endpoints.isEmpty() && !subsetEndpoints.get().isEmpty()) {
      return List.of(
          failAfter(trace, Outcome.Kind.NO_UPSTREAM, 503, "every pod of " + host + " is ejected")
              .endedAs(Outcome.Kind.NO_UPSTREAM, 503, "UH", "outlier detection ejected them"));
    }
    if (endpoints.isEmpty()) {
      return List.of(
          failAfter(
              trace,
              Outcome.Kind.NO_UPSTREAM,
              503,
              "no pod serves " + host + (subset == null ? "" : " subset " + subset)));
    }
    MeshService.ServicePort sp = service.get().port(port);
    int targetPort = sp == null ? port : sp.targetPort();
    int pods = endpoints.stream().mapToInt(Workload::replicas).sum();
    List<Outcome> out = new ArrayList<>();
    double overflow =
        client.sidecar()
            ? pools.overflowShare(host, port, subset, client.namespace(), traffic.concurrency())
            : 0;
    if (overflow > 0) {
      out.add(
          failAfter(
                  trace, Outcome.Kind.OVERFLOW, 503, "the connection pool to " + host + " is full")
              .endedAs(Outcome.Kind.OVERFLOW, 503, "UO", "circuit breaker open")
              .withProbability(overflow));
    }
    for (Workload server : endpoints) {
      double share = server.replicas() / (double) pods * (1 - overflow);
      List<String> t = new ArrayList<>(trace);
      boolean mtls = security.sendsMtls(client, server, host, subset, port, targetPort);
      if (!security.accepts(server, targetPort, mtls)) {
        t.add(server.id() + " refuses " + (mtls ? "mTLS" : "plaintext") + " on port " + targetPort);
        out.add(new Outcome(Outcome.Kind.RESET, 503, server, subset, 0, share, t));
        continue;
      }
      Outcome unauthenticated = server.sidecar() ? jwtRefusal(server, req, t) : null;
      if (unauthenticated != null) {
        out.add(unauthenticated.withProbability(share));
        continue;
      }
      if (server.sidecar()) {
        Security.Decision d = security.authorize(client, mtls, server, targetPort, req);
        if (!d.allowed()) {
          t.add("RBAC at " + server.id() + ": " + d.policy());
          out.add(new Outcome(Outcome.Kind.DENIED, 403, server, subset, 0, share, t));
          continue;
        }
        if (d.policy() != null) {
          t.add("allowed by " + d.policy());
        }
      }
      if (EgressPaths.forwards(server, Mesh.fqdn(req.host(), client.namespace()), host)) {
        for (Outcome o : forwardThrough(server, req, port)) {
          out.add(o.withProbability(o.probability() * share));
        }
        continue;
      }
      out.add(new Outcome(Outcome.Kind.REACHED, 200, server, subset, 0, share, t));
    }
    return out;
  }

  /** A gateway that received a request for another host routes it on with its own listeners. */
  private List<Outcome> forwardThrough(Workload gateway, Request req, int gatewayPort) {
    if (depth >= MAX_DEPTH) {
      return List.of(fail(Outcome.Kind.NO_UPSTREAM, 503, "the request loops through gateways"));
    }
    Request onward =
        new Request(
            gateway.id(),
            req.host(),
            req.port(),
            req.method(),
            req.path(),
            req.headers(),
            gatewayPort);
    List<Outcome> out = new ArrayList<>();
    for (Outcome o : new Router(this, traffic, depth + 1).route(onward)) {
      out.add(o.through(gateway.id()));
    }
    return out;
  }

  /** A ServiceEntry destination outside the mesh: its declared port and protocol decide. */
  private Outcome outside(
      Workload client, String host, int port, MeshService entry, List<String> trace) {
    String protocol = ExternalServices.protocol(entry, port);
    if (client.sidecar() && protocol == null) {
      return scope.registryOnly(client)
          ? failAfter(
              trace,
              Outcome.Kind.BLOCKED,
              traffic.tls() ? 0 : 502,
              entry.source().ref()
                  + " declares no port "
                  + port
                  + " and the outbound policy is REGISTRY_ONLY")
          : new Outcome(Outcome.Kind.REACHED, 200, Workload.outside(host), null, 0, 1.0, trace);
    }
    if (client.sidecar() && ExternalServices.tlsOnHttpPort(protocol, traffic.tls())) {
      return failAfter(
          trace,
          Outcome.Kind.RESET,
          0,
          "TLS sent to port "
              + port
              + ", which "
              + entry.source().ref()
              + " declares as "
              + protocol);
    }
    List<String> t = new ArrayList<>(trace);
    t.add("leaves the mesh to " + host + ":" + port + " (" + entry.source().ref() + ")");
    return new Outcome(Outcome.Kind.REACHED, 200, Workload.outside(host), null, 0, 1.0, t);
  }

  /** A failure that keeps the decisions taken before it (e.g. the VirtualService rule). */
  private static Outcome failAfter(List<String> trace, Outcome.Kind kind, int status, String why) {
    List<String> t = new ArrayList<>(trace);
    t.add(why);
    return new Outcome(kind, status, null, null, 0, 1.0, t);
  }

  private static Outcome fail(Outcome.Kind kind, int status, String why) {
    return new Outcome(kind, status, null, null, 0, 1.0, List.of(why));
  }

  /** Merges outcomes that differ only in trace, adding their probabilities. */
  static List<Outcome> merge(List<Outcome> outcomes) {
    Map<String, Outcome> merged = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      merged.merge(
          o.signature(), o, (a, b) -> a.withProbability(a.probability() + b.probability()));
    }
    return List.copyOf(merged.values());
  }
}

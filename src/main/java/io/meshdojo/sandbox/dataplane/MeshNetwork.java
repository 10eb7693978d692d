package io.meshdojo.sandbox.dataplane;

import io.meshdojo.grader.api.MeshAnswers;
import io.meshdojo.grader.api.ProxyView;
import io.meshdojo.sandbox.dataplane.SandboxPicture.Pod;
import io.meshdojo.sandbox.metrics.PrometheusApi;
import io.meshdojo.sandbox.metrics.SandboxMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The network of one pod for one command: each request is answered by the mesh model ({@link
 * MeshAnswers}), spread over its outcomes by {@link Spread}, answered by the application ({@link
 * AppResponses}) when it is reached, and written to the access logs of the client's and the
 * server's proxies ({@link PodLogs}) in Istio's default text format where the model says that proxy
 * logs it (Telemetry or mesh config, {@link ProxyView#logs}); and counted as the proxies' metrics
 * ({@link RequestMetrics}), which the mesh graph reads as Kiali reads Prometheus.
 */
final class MeshNetwork implements Network {

  /** Where requests are counted, and the simulated Prometheus that answers from those counts. */
  record Observers(SandboxMetrics metrics, PrometheusApi prometheus) {}

  private static final DateTimeFormatter ENVOY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final long PROXY_MS = 1;

  private final String sandbox;
  private final SandboxPicture picture;
  private final Pod client;
  private final Spread spread;
  private final PodLogs logs;
  private final Observers observers;
  private final Instant start;
  private final LongSupplier elapsedMs;
  private final RateBuckets buckets;
  private final Map<String, List<String>> learned = new LinkedHashMap<>();

  MeshNetwork(
      String sandbox,
      SandboxPicture picture,
      Pod client,
      Spread spread,
      PodLogs logs,
      Observers observers,
      Instant start,
      LongSupplier elapsedMs,
      RateBuckets buckets) {
    this.sandbox = sandbox;
    this.picture = picture;
    this.client = client;
    this.spread = spread;
    this.logs = logs;
    this.observers = observers;
    this.start = start;
    this.elapsedMs = elapsedMs;
    this.buckets = buckets;
  }

  /**
   * Hosts that proxies under a Slime fence reached through the global-sidecar during this command,
   * by fence ({@code namespace/name}): what Slime's controller learns from the global-sidecar.
   */
  Map<String, List<String>> learned() {
    return learned;
  }

  @Override
  public Exchange send(Call call) {
    return send(call, 1);
  }

  @Override
  public Exchange send(Call call, int concurrency) {
    String host = call.dialledHost().toLowerCase(Locale.ROOT);
    if (call.address() != null) {
      // --resolve: the connection goes to that address; the proxy still routes by Host.
      return routed(call, host, call.address(), concurrency);
    }
    if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return byAddress(call, host, concurrency);
    }
    if (host.equals("localhost")) {
      return local(call, "127.0.0.1");
    }
    return routed(call, host, null, concurrency);
  }

  private Exchange byAddress(Call call, String ip, int concurrency) {
    if (ip.equals(client.ip()) || ip.startsWith("127.")) {
      return local(call, ip);
    }
    var service = picture.serviceWithIp(ip);
    if (service.isPresent()) {
      return routed(call, service.get(), ip, concurrency);
    }
    return Exchange.failure(
        Result.REFUSED,
        ip,
        "meshdojo: the simulated mesh answers requests to Service names and cluster IPs only");
  }

  /** A request to the pod itself: its application answers on a port it declares. */
  private Exchange local(Call call, String ip) {
    boolean appPort =
        client.containers().stream()
            .filter(c -> !c.name().equals("istio-proxy"))
            .anyMatch(c -> c.ports().contains(call.port()));
    if (!appPort || call.https()) {
      return Exchange.failure(Result.REFUSED, ip, null);
    }
    AppResponses.Reply reply = appReply(call, client, headerMap(call));
    return response(reply.status(), reply.contentType(), reply.body(), reply.appMs(), ip, false);
  }

  private Exchange routed(Call call, String host, String address, int concurrency) {
    MeshAnswers answers = picture.answers();
    if (address == null && !answers.resolves(client.workload(), host)) {
      // No DNS answers the name: neither the cluster's nor the sidecar's DNS proxy (issue 14).
      return Exchange.failure(Result.UNRESOLVED, null, null);
    }
    String fqdn = answers.registryHost(host, client.namespace()).orElse(null);
    int port = call.dialledPort();
    String ip;
    if (fqdn == null) {
      boolean inCluster = !host.contains(".") || host.endsWith(".local") || host.endsWith(".svc");
      if (inCluster) {
        return Exchange.failure(Result.UNRESOLVED, null, null);
      }
      // Outside the registry: the outbound traffic policy decides, as the model says.
      ip = address == null ? SandboxPicture.address("203.0", host) : address;
    } else {
      ip =
          address != null
              ? address
              : picture.serviceIp(fqdn).orElse(SandboxPicture.address("240.240", fqdn));
    }
    if (call.https() && port != 443) {
      return Exchange.failure(Result.NOT_TLS, ip, null);
    }
    Map<String, String> headers = headerMap(call);
    String from = client.workload();
    Optional<String> gateway =
        fqdn == null ? Optional.empty() : answers.gatewayBehind(fqdn).filter(g -> !g.equals(from));
    List<MeshAnswers.Answer> possible =
        gateway.isPresent()
            ? answers.answerAtGateway(
                new MeshAnswers.GatewayCall(
                    gateway.get(),
                    authority(call),
                    port,
                    call.method(),
                    call.path(),
                    headers,
                    call.https() ? call.host().toLowerCase(Locale.ROOT) : null,
                    call.clientCert(),
                    bearer(headers)))
            : answers.answer(
                new MeshAnswers.Call(
                    from, fqdn == null ? host : fqdn, port, call.method(), call.path(), headers),
                call.https(),
                concurrency);
    MeshAnswers.Answer answer = choose(from, call, headers, possible);
    if (fqdn != null) {
      answers
          .learningFence(from, answer)
          .ifPresent(
              f -> {
                List<String> hosts = learned.computeIfAbsent(f, k -> new ArrayList<>());
                if (!hosts.contains(fqdn)) {
                  hosts.add(fqdn);
                }
              });
    }
    // Without a client sidecar no Envoy answers for a reset: the connection just drops.
    boolean noClientProxy = !(client.hasProxy() && answers.hasSidecar(from));
    if (!answer.reached()
        && (answer.status() == 0 || ("reset".equals(answer.outcome()) && noClientProxy))) {
      return Exchange.failure(failure(call, answer), ip, null);
    }
    Instant at = start.plusMillis(elapsedMs.getAsLong());
    Pod server =
        answer.workload() == null
            ? null
            : pod(answer.namespace() + "/" + answer.workload()).orElse(null);
    if (answer.reached() && server != null && !limiter(answers, answer, server, port, at)) {
      answer = rateLimited(answer);
    }
    boolean clientProxy = client.hasProxy() && answers.hasSidecar(from);
    String requestId = UUID.randomUUID().toString();
    Exchange exchange;
    long upstreamMs;
    if (answer.reached() && server != null) {
      Map<String, String> seen = new LinkedHashMap<>(headers);
      seen.put(
          "host",
          call.headers().stream()
              .filter(h -> h.getKey().equalsIgnoreCase("host"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(host));
      if (server.hasProxy()) {
        seen.put("x-request-id", requestId);
        seen.put("x-envoy-attempt-count", "1");
      }
      AppResponses.Reply reply =
          isPrometheus(server) ? prometheusReply(call) : appReply(call, server, seen);
      upstreamMs = reply.appMs();
      exchange =
          response(
              reply.status(),
              reply.contentType(),
              reply.body(),
              answer.delayMs() + reply.appMs() + PROXY_MS,
              ip,
              clientProxy);
      appLog(server, at, reply);
    } else {
      upstreamMs = 0;
      Optional<ExternalSamples.Reply> sample =
          answer.proxyBody() == null && answer.reached()
              ? ExternalSamples.reply(call.host(), call.https(), call.path())
              : Optional.empty();
      String body =
          answer.proxyBody() != null
              ? answer.proxyBody()
              : sample.map(ExternalSamples.Reply::body).orElse("");
      exchange =
          response(
              sample.map(ExternalSamples.Reply::status).orElse(answer.status()),
              "text/plain",
              body,
              answer.delayMs() + PROXY_MS,
              ip,
              clientProxy);
      String location = sample.map(ExternalSamples.Reply::location).orElse(null);
      if (location != null) {
        List<Map.Entry<String, String>> withLocation = new ArrayList<>(exchange.headers());
        withLocation.add(Map.entry("location", location));
        exchange =
            new Exchange(
                exchange.result(),
                exchange.status(),
                withLocation,
                exchange.body(),
                exchange.latencyMs(),
                exchange.remoteIp(),
                exchange.note());
      }
    }
    writeAccessLogs(
        call, host, answer, server, at, exchange, upstreamMs, ip, requestId, clientProxy);
    boolean mutualTls = clientProxy && answers.mutualTls(from, answer, call.port());
    // The gateway the call entered (an ingress gateway's Service) and those the route passed.
    List<Pod> gateways = new ArrayList<>();
    gateway.flatMap(this::pod).ifPresent(gateways::add);
    for (String via : answer.via()) {
      pod(via).filter(p -> !gateways.contains(p)).ifPresent(gateways::add);
    }
    RequestMetrics.record(
        observers.metrics(),
        sandbox,
        answers.proxies(),
        new RequestMetrics.Finished(
            at,
            client,
            clientProxy,
            gateways,
            server,
            server != null && server.hasProxy() && answer.inboundCluster() != null,
            mutualTls,
            answer,
            answer.upstreamHost() != null ? answer.upstreamHost() : fqdn != null ? fqdn : host,
            exchange.status(),
            exchange.latencyMs(),
            Math.max(0, exchange.latencyMs() - answer.delayMs() - PROXY_MS),
            call.body() == null ? 0 : call.body().getBytes(StandardCharsets.UTF_8).length,
            exchange.body().getBytes(StandardCharsets.UTF_8).length));
    for (MeshAnswers.Mirror mirror : answer.mirrors()) {
      shadow(call, host, answer, mirror, at, clientProxy);
    }
    return exchange;
  }

  /** A pod of workload {@code namespace/name}, in turn; empty when it has none. */
  private Optional<Pod> pod(String workload) {
    List<Pod> pods = picture.podsOf(workload);
    return pods.isEmpty()
        ? Optional.empty()
        : Optional.of(pods.get(spread.turn(sandbox + "|pods|" + workload, pods.size())));
  }

  /**
   * A mirrored copy, for its share of the requests: the target's application answers it with the
   * Host Envoy gives shadows ({@code -shadow} appended to the name), the answer is discarded, and
   * only the target's proxy logs and counts it.
   */
  private void shadow(
      Call call,
      String host,
      MeshAnswers.Answer main,
      MeshAnswers.Mirror mirror,
      Instant at,
      boolean clientProxy) {
    String workload = mirror.namespace() + "/" + mirror.workload();
    double share = Math.max(0, Math.min(1, mirror.share()));
    String key = sandbox + "|mirror|" + client.workload() + "|" + workload;
    Optional<Pod> target = pod(workload);
    if (target.isEmpty()
        || spread.pick(key, List.of("copy", "skip"), List.of(share, 1 - share)) != 0) {
      return;
    }
    Pod server = target.get();
    String shadowHost = authority(call) + "-shadow";
    Map<String, String> seen = new LinkedHashMap<>(headerMap(call));
    seen.put("host", shadowHost + (call.port() == 80 ? "" : ":" + call.port()));
    AppResponses.Reply reply = appReply(call, server, seen);
    MeshAnswers.Answer copy =
        new MeshAnswers.Answer(
            "reached",
            reply.status(),
            mirror.namespace(),
            mirror.workload(),
            server.labels().getOrDefault("version", mirror.workload()),
            null,
            0,
            share,
            "-",
            "-",
            main.upstreamHost(),
            "inbound|" + inboundPort(main, call.port()) + "||",
            null,
            List.of("mirrored copy of the request to " + workload),
            List.of(),
            List.of());
    Exchange exchange =
        response(
            reply.status(), reply.contentType(), reply.body(), reply.appMs(), server.ip(), false);
    writeAccessLogs(
        call,
        shadowHost,
        copy,
        server,
        at,
        exchange,
        reply.appMs(),
        server.ip(),
        UUID.randomUUID().toString(),
        false);
    appLog(server, at, reply);
    MeshAnswers answers = picture.answers();
    RequestMetrics.record(
        observers.metrics(),
        sandbox,
        answers.proxies(),
        new RequestMetrics.Finished(
            at,
            client,
            false,
            List.of(),
            server,
            server.hasProxy(),
            clientProxy && answers.mutualTls(client.workload(), copy, call.port()),
            copy,
            main.upstreamHost() != null ? main.upstreamHost() : host,
            reply.status(),
            reply.appMs(),
            reply.appMs(),
            call.body() == null ? 0 : call.body().getBytes(StandardCharsets.UTF_8).length,
            reply.body().getBytes(StandardCharsets.UTF_8).length));
  }

  /** The line the server's application prints for the request, if it prints one. */
  private void appLog(Pod server, Instant at, AppResponses.Reply reply) {
    if (reply.logLine() != null && server.app().isPresent()) {
      logs.append(
          sandbox,
          server.namespace(),
          server.name(),
          server.app().get().name(),
          at,
          reply.logLine());
    }
  }

  /** Whether the server's Slime rate limit (if any) lets the request through at {@code at}. */
  private boolean limiter(
      MeshAnswers answers, MeshAnswers.Answer answer, Pod server, int port, Instant at) {
    Optional<MeshAnswers.RateLimit> limit = answers.rateLimit(answer.upstreamHost(), port);
    if (limit.isEmpty()) {
      return true;
    }
    String bucket =
        sandbox + "|" + (limit.get().perPod() ? server.name() : answer.upstreamHost()) + "|" + port;
    return buckets.take(bucket, (int) Math.floor(limit.get().tokensPerSecond()), 1000, at);
  }

  /** Envoy's local rate limit filter answers for the application: 429, flag RL. */
  private static MeshAnswers.Answer rateLimited(MeshAnswers.Answer a) {
    return a.refused(
        "rate_limited",
        429,
        "RL",
        "local_rate_limited",
        "local rate limit of " + a.upstreamHost() + ": bucket empty");
  }

  /** How a connection fails when the mesh sends no response at all. */
  private static Result failure(Call call, MeshAnswers.Answer answer) {
    boolean noCertificate =
        answer.reason().stream().anyMatch(r -> r.contains("sent no certificate"));
    if (call.https() && !noCertificate) {
      return Result.TLS_FAILED;
    }
    return Result.RESET;
  }

  /** The Host header's name (without a port), which a gateway routes on. */
  private static String authority(Call call) {
    String value =
        call.headers().stream()
            .filter(h -> h.getKey().equalsIgnoreCase("host"))
            .map(Map.Entry::getValue)
            .reduce((first, last) -> last)
            .orElse(call.host());
    int colon = value.lastIndexOf(':');
    String name = colon > 0 && !value.endsWith("]") ? value.substring(0, colon) : value;
    return name.toLowerCase(Locale.ROOT);
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  private static String bearer(Map<String, String> headers) {
    String auth = headers.get("authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return auth.substring(7).strip();
  }

  /** Istio's sample Prometheus add-on, which the environment runs in istio-system. */
  private static boolean isPrometheus(Pod server) {
    return server.namespace().equals("istio-system")
        && "prometheus".equals(server.labels().get("app"));
  }

  private AppResponses.Reply prometheusReply(Call call) {
    PrometheusApi.Reply r =
        observers.prometheus().http(sandbox, call.method(), call.path(), call.body());
    return new AppResponses.Reply(r.status(), r.contentType(), r.body(), 1, null);
  }

  private MeshAnswers.Answer choose(
      String from, Call call, Map<String, String> headers, List<MeshAnswers.Answer> possible) {
    if (possible.size() == 1) {
      return possible.get(0);
    }
    List<String> names = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    for (MeshAnswers.Answer a : possible) {
      names.add(
          a.outcome()
              + "|"
              + a.namespace()
              + "/"
              + a.workload()
              + "|"
              + a.subset()
              + "|"
              + a.status()
              + "|"
              + a.delayMs());
      shares.add(a.probability());
    }
    String key =
        sandbox
            + "|"
            + from
            + "|"
            + call.method()
            + " "
            + call.host()
            + ":"
            + call.port()
            + call.path()
            + "|"
            + new TreeMap<>(headers);
    return possible.get(spread.pick(key, names, shares));
  }

  private static Map<String, String> headerMap(Call call) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : call.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!name.equals("host")) {
        headers.put(name, h.getValue());
      }
    }
    return headers;
  }

  private AppResponses.Reply appReply(Call call, Pod server, Map<String, String> headers) {
    return AppResponses.answer(
        new AppResponses.Request(
            server
                .labels()
                .getOrDefault(
                    "app", server.workload().substring(server.workload().indexOf('/') + 1)),
            server.labels().getOrDefault("version", "v1"),
            server.name(),
            call.method(),
            call.path(),
            call.host() + (call.port() == 80 ? "" : ":" + call.port()),
            headers,
            client.ip()));
  }

  private static Exchange response(
      int status, String contentType, String body, long latencyMs, String ip, boolean viaEnvoy) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("content-type", contentType));
    headers.add(
        Map.entry("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length)));
    if (viaEnvoy) {
      headers.add(
          Map.entry(
              "x-envoy-upstream-service-time", String.valueOf(Math.max(0, latencyMs - PROXY_MS))));
      headers.add(Map.entry("server", "envoy"));
    }
    return new Exchange(Result.RESPONSE, status, headers, body, latencyMs, ip, null);
  }

  /**
   * Envoy's lines, in Istio's default text format: the client's outbound line and, when the request
   * reached a server proxy, that proxy's inbound line.
   */
  private void writeAccessLogs(
      Call call,
      String authority,
      MeshAnswers.Answer answer,
      Pod server,
      Instant at,
      Exchange exchange,
      long upstreamMs,
      String serviceIp,
      String requestId,
      boolean clientProxy) {
    int sent = exchange.body().getBytes(StandardCharsets.UTF_8).length;
    int received = call.body() == null ? 0 : call.body().getBytes(StandardCharsets.UTF_8).length;
    String details = details(answer);
    String userAgent =
        call.headers().stream()
            .filter(h -> h.getKey().equalsIgnoreCase("user-agent"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse("-");
    String hostPort = authority + ":" + call.port();
    int port = call.port();
    String upstreamHost = server == null ? "-" : server.ip() + ":" + inboundPort(answer, port);
    int clientPort = 40000 + Math.floorMod(requestId.hashCode(), 20000);
    ProxyView proxies = picture.answers().proxies();
    Map<String, String> headers = headerMap(call);
    String flags = answer.responseFlags();
    if (clientProxy
        && proxies.logs(
            client.workload(),
            false,
            call.method(),
            authority,
            call.path(),
            headers,
            exchange.status(),
            flags)) {
      proxyLog(
          client,
          at,
          line(
              at,
              call,
              exchange.status(),
              answer.responseFlags(),
              details,
              received,
              sent,
              exchange.latencyMs(),
              answer.reached() ? String.valueOf(upstreamMs) : "-",
              userAgent,
              requestId,
              hostPort,
              upstreamHost,
              answer.upstreamCluster(),
              // No upstream connection for a request that never left (no cluster, full pool).
              answer.upstreamCluster().equals("-") || "UO".equals(flags)
                  ? "-"
                  : client.ip() + ":" + clientPort,
              serviceIp + ":" + port,
              client.ip() + ":" + (clientPort + 1),
              "-",
              "default"));
    }
    if (server != null
        && server.hasProxy()
        && answer.inboundCluster() != null
        && proxies.logs(
            server.workload(),
            true,
            call.method(),
            authority,
            call.path(),
            headers,
            exchange.status(),
            answer.reached() ? "-" : flags)) {
      String subset = answer.subset() == null ? "" : answer.subset();
      proxyLog(
          server,
          at,
          line(
              at,
              call,
              exchange.status(),
              answer.reached() ? "-" : answer.responseFlags(),
              answer.reached() ? "via_upstream" : details,
              received,
              sent,
              Math.max(0, exchange.latencyMs() - answer.delayMs() - PROXY_MS),
              answer.reached() ? String.valueOf(upstreamMs) : "-",
              userAgent,
              requestId,
              hostPort,
              answer.reached() ? upstreamHost : "-",
              answer.inboundCluster(),
              answer.reached() ? "127.0.0.6:" + clientPort : "-",
              upstreamHost,
              client.ip() + ":" + clientPort,
              "outbound_." + port + "_." + subset + "_." + answer.upstreamHost(),
              "default"));
    }
  }

  private void proxyLog(Pod pod, Instant at, String line) {
    logs.append(sandbox, pod.namespace(), pod.name(), "istio-proxy", at, line);
  }

  private static int inboundPort(MeshAnswers.Answer answer, int port) {
    String inbound = answer.inboundCluster();
    if (inbound != null && inbound.startsWith("inbound|")) {
      String p = inbound.substring(8, inbound.indexOf('|', 8));
      return Integer.parseInt(p);
    }
    return port;
  }

  /** Envoy's %RESPONSE_CODE_DETAILS% for the outcome. */
  private static String details(MeshAnswers.Answer a) {
    return switch (a.responseFlags().replace("DI,", "")) {
      case "NR" -> "route_not_found";
      case "NC" -> "cluster_not_found";
      case "UH" -> "no_healthy_upstream";
      case "UT" -> "response_timeout";
      case "FI" -> "fault_filter_abort";
      case "UC" -> "upstream_reset_before_response_started{connection_termination}";
      case "UF,URX" -> "upstream_reset_before_response_started{remote_connection_failure}";
      case "UAEX" -> "ext_authz_denied";
      case "RL" -> "local_rate_limited";
      default -> a.status() == 403 ? "rbac_access_denied_matched_policy[none]" : "via_upstream";
    };
  }

  private static String line(
      Instant at,
      Call call,
      int status,
      String flags,
      String details,
      int received,
      int sent,
      long duration,
      String upstreamTime,
      String userAgent,
      String requestId,
      String authority,
      String upstreamHost,
      String cluster,
      String upstreamLocal,
      String downstreamLocal,
      String downstreamRemote,
      String serverName,
      String route) {
    return "["
        + ENVOY_TIME.format(at)
        + "] \""
        + call.method()
        + " "
        + call.path()
        + " HTTP/1.1\" "
        + status
        + " "
        + flags
        + " "
        + details
        + " - \"-\" "
        + received
        + " "
        + sent
        + " "
        + duration
        + " "
        + upstreamTime
        + " \"-\" \""
        + userAgent
        + "\" \""
        + requestId
        + "\" \""
        + authority
        + "\" \""
        + upstreamHost
        + "\" "
        + cluster
        + " "
        + upstreamLocal
        + " "
        + downstreamLocal
        + " "
        + downstreamRemote
        + " "
        + serverName
        + " "
        + route;
  }
}

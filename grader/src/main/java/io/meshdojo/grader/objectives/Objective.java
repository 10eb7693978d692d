package io.meshdojo.grader.objectives;

import java.util.List;
import java.util.Map;

/**
 * A graded objective from {@code spec.objectives} of a lab. Exactly one of the kind-specific parts
 * is set, according to {@code kind}.
 */
public record Objective(
    String id,
    Kind kind,
    int points,
    Bilingual text,
    List<Probe> probes,
    Expect expect,
    State state,
    Analysis analysis,
    String expression) {

  /** Objective kinds. */
  public enum Kind {
    BEHAVIOUR,
    STATE,
    ANALYSIS,
    EXPRESSION
  }

  /**
   * What every probe of a behaviour objective must observe. {@code reach}: all requests reach
   * workloads with these labels. {@code status}: all requests end with this status (200 = reached).
   * {@code delayMs}: every request is delayed by exactly this much (0 = never delayed). {@code
   * shares}: for every probe, the share of requests per value of label {@code shareLabel} within
   * {@code tolerance}. {@code rateLimit}: Slime limit of a service. {@code timeoutMs}: the route
   * timeout of every reached request (0: none). {@code attempts}: its retry attempts. {@code
   * tracingPercent}: the trace sampling percentage of each probe's client (Telemetry precedence).
   * {@code edge}: handshake, server certificate and where a refusal happens ({@link EdgeExpect}).
   * {@code loggedBy}: exactly these proxies write an access log line for every request of each
   * probe. {@code proxyConfig}: the config size the model computes for proxies (no probes). {@code
   * metrics}: which proxies report a standard metric for each probe's requests, and with which
   * tags. {@code dns}: who answers names looked up in pods ({@link Dns}, no probes).
   */
  public record Expect(
      Map<String, String> reach,
      Integer status,
      Long delayMs,
      Map<String, Double> shares,
      String shareLabel,
      double tolerance,
      RateLimit rateLimit,
      Long timeoutMs,
      Integer attempts,
      Double tracingPercent,
      EdgeExpect edge,
      List<String> via,
      String flag,
      MirrorCopies mirror,
      Some some,
      List<String> loggedBy,
      ProxyConfig proxyConfig,
      Metrics metrics,
      Dns dns,
      ControlPlane controlPlane) {}

  /**
   * What the control plane history ({@link io.meshdojo.grader.api.ControlPlaneHistory}) must show
   * for the pods of {@code namespace} (no probes): {@code always} at every moment, each of {@code
   * injected} (every pod ran a proxy) and {@code served} (every proxy's revision had an istiod);
   * {@code atEnd}, in the graded state, every proxy belongs to {@code revision} and runs a version
   * starting with {@code versionPrefix}.
   */
  public record ControlPlane(
      String namespace, List<String> always, String revision, String versionPrefix) {}

  /**
   * Exactly the proxies {@code reportedBy} ({@code ns/workload}) report Prometheus series {@code
   * series} (such as {@code istio_requests_total}) for every outcome of each probe, each without
   * the tags {@code withoutTags} and with the tags {@code withTags}.
   */
  public record Metrics(
      String series, List<String> reportedBy, List<String> withoutTags, List<String> withTags) {}

  /**
   * Who answers each name looked up in pods of each listed workload ({@code ns/workload}, or {@code
   * ns/*} for every sidecar in a namespace): {@code sidecar}, {@code cluster} or {@code nobody}.
   */
  public record Dns(List<String> from, List<String> names, String answeredBy) {}

  /**
   * Copies of every probe's requests reach workloads with {@code reach} for {@code percent} of
   * them.
   */
  public record MirrorCopies(Map<String, String> reach, double percent) {}

  /** Some share (more than none) of every probe's requests ends with this status and flag. */
  public record Some(Integer status, String flag) {}

  /**
   * Config size limits for each listed proxy ({@code ns/workload}, or {@code ns/*} for every
   * sidecar of a namespace): at most so many clusters and outbound routes; {@code holds} lists
   * hosts each must still hold.
   */
  public record ProxyConfig(
      List<String> proxies, Integer clustersAtMost, Integer routesAtMost, List<String> holds) {}

  /**
   * Inbound limit of a service: {@code perSecond} in total for every pod count listed, enforced by
   * each pod locally, for every request.
   */
  public record RateLimit(
      String namespace, String service, int port, double perSecond, List<Integer> podCounts) {}

  /** Some resource of {@code kind} (in namespace, with name when given) contains {@code match}. */
  public record State(String kind, String namespace, String name, Map<String, Object> match) {}

  /** No findings at {@code level} or worse for resources in {@code namespace}. */
  public record Analysis(String namespace, String level) {}
}

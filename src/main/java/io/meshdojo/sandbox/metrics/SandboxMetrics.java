package io.meshdojo.sandbox.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requests learners send in their embedded sandboxes, as the proxies report them: one {@link
 * RequestSample} per reporting proxy (source and destination). The Prometheus query API ({@link
 * PromQuery}) and anything that draws the mesh's traffic read them here. Bounded: the last {@value
 * #MAX_SAMPLES} samples of the last 30 minutes per sandbox, and at most {@value #MAX_SANDBOXES}
 * sandboxes, least recently written first out. Kept in this replica's memory, like the simulated
 * access logs.
 */
@ApplicationScoped
public class SandboxMetrics {

  /** How far back a sandbox's history reaches. */
  public static final Duration HISTORY = Duration.ofMinutes(30);

  /**
   * A key of {@link RequestSample#labels} that is no Prometheus label: the Envoy cluster a client's
   * proxy sent the request to ({@code outbound|9080|v1|reviews.bookinfo.svc.cluster.local}, {@code
   * -} when none), for that proxy's own cluster statistics ({@link ProxyStats#text}).
   */
  public static final String UPSTREAM_CLUSTER = "meshdojo_upstream_cluster";

  static final int MAX_SAMPLES = 10_000;
  private static final int MAX_SANDBOXES = 2_000;

  /**
   * One request as one proxy reports it.
   *
   * @param reporter {@code source} (the client's proxy) or {@code destination} (the server's)
   * @param labels every standard label with its value, before Telemetry removes any
   * @param reported for each Prometheus series family this proxy reports for the request (such as
   *     {@code istio_requests_total}), the labels it keeps; a family Telemetry disables is absent
   */
  public record RequestSample(
      Instant at,
      String reporter,
      String namespace,
      String pod,
      Map<String, String> labels,
      double durationMs,
      long requestBytes,
      long responseBytes,
      Map<String, Set<String>> reported) {

    public RequestSample {
      labels = Map.copyOf(labels);
      reported = Map.copyOf(reported);
    }
  }

  private final Map<String, Deque<RequestSample>> samples =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<RequestSample>> eldest) {
          return size() > MAX_SANDBOXES;
        }
      };

  /** Records one report of one request in a sandbox. */
  public synchronized void record(String sandbox, RequestSample sample) {
    Deque<RequestSample> kept = samples.computeIfAbsent(sandbox, k -> new ArrayDeque<>());
    kept.addLast(sample);
    trim(kept, sample.at());
  }

  /** The sandbox's samples of the last {@link #HISTORY}, oldest first. */
  public synchronized List<RequestSample> samples(String sandbox) {
    Deque<RequestSample> kept = samples.get(sandbox);
    if (kept == null) {
      return List.of();
    }
    trim(kept, Instant.now());
    return List.copyOf(kept);
  }

  /** Forgets a sandbox's samples (the sandbox ended or was reset). */
  public synchronized void forget(String sandbox) {
    samples.remove(sandbox);
  }

  private static void trim(Deque<RequestSample> kept, Instant now) {
    Instant oldest = now.minus(HISTORY);
    while (!kept.isEmpty()
        && (kept.size() > MAX_SAMPLES || kept.peekFirst().at().isBefore(oldest))) {
      kept.removeFirst();
    }
  }
}

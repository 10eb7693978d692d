package io.meshdojo.sandbox.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.sandbox.records.JsonStream;
import io.meshdojo.sandbox.records.TrafficRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requests learners send in their embedded sandboxes, as the proxies report them: one {@link
 * RequestSample} per reporting proxy (source and destination). The Prometheus query API ({@link
 * PromQuery}) and anything that draws the mesh's traffic read them here. Bounded: the last {@value
 * #MAX_SAMPLES} samples of the last 30 minutes per sandbox. Kept in the database and shared by
 * every replica, like the simulated access logs ({@link TrafficRecords}); each replica keeps what
 * it read of the sandboxes it served last (at most {@value #MAX_CACHED_SANDBOXES}) and reads only
 * what is new, forgetting a sandbox's copy when any replica resets or releases it.
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
  private static final int MAX_CACHED_SANDBOXES = 2_000;

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

  static final TrafficRecords.Stream SAMPLES =
      new TrafficRecords.Stream("sample", MAX_SAMPLES, HISTORY);

  private final TrafficRecords records;
  private final JsonStream<RequestSample> stored;

  public SandboxMetrics(TrafficRecords records, ObjectMapper json) {
    this.records = records;
    this.stored =
        new JsonStream<>(records, SAMPLES, RequestSample.class, json, MAX_CACHED_SANDBOXES);
  }

  /** Records one report of one request in a sandbox. */
  public void record(String sandbox, RequestSample sample) {
    stored.add(sandbox, sample.at(), sample);
  }

  /**
   * The sandbox's samples of the last {@link #HISTORY}, oldest first, whichever replica recorded
   * them: only those recorded since this replica last read the sandbox are read from the database.
   */
  public List<RequestSample> samples(String sandbox) {
    Instant oldest = Instant.now().minus(HISTORY);
    return stored.read(sandbox, sample -> sample.at().isBefore(oldest));
  }

  /** Forgets a sandbox's samples, for every replica (the sandbox was reset or ended). */
  public void forget(String sandbox) {
    records.forget(sandbox, List.of(SAMPLES));
  }
}

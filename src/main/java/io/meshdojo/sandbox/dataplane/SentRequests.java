package io.meshdojo.sandbox.dataplane;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who called whom in each sandbox: one small record per request a learner sends from a simulated
 * pod, for the lab page's mesh graph. Kept apart from the access logs because Telemetry decides
 * which proxies log (a graph must not go blank when logging is off), and apart from any metrics so
 * each can change alone. Bounded like {@link PodLogs}: the last {@value #PER_SANDBOX} requests of
 * at most {@value #MAX_SANDBOXES} sandboxes, none older than {@link #KEPT}, in this replica's
 * memory.
 */
@ApplicationScoped
public class SentRequests {

  static final int PER_SANDBOX = 2000;
  private static final int MAX_SANDBOXES = 1000;

  /** The longest window the graph asks for. */
  public static final Duration KEPT = Duration.ofMinutes(30);

  /**
   * One request as the mesh answered it.
   *
   * @param source the sending workload, {@code namespace/name}
   * @param sourceVersion the sending pod's {@code version} label, null without one
   * @param service the registry host it was sent to, e.g. {@code
   *     reviews.bookinfo.svc.cluster.local}
   * @param destination the answering workload, {@code namespace/name}; null when none answered
   * @param destinationVersion its version (its name when it has no version label); null with none
   * @param status the HTTP status the client saw
   * @param responseFlags Envoy's response flags, {@code -} when none
   * @param mutualTls whether the client's proxy sent it over Istio mTLS
   */
  public record Sent(
      Instant at,
      String source,
      String sourceVersion,
      String service,
      String destination,
      String destinationVersion,
      int status,
      String responseFlags,
      boolean mutualTls) {}

  private final Map<String, Deque<Sent>> bySandbox =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Sent>> eldest) {
          return size() > MAX_SANDBOXES;
        }
      };

  /** Records one request of a sandbox. */
  public synchronized void record(String sandbox, Sent sent) {
    Deque<Sent> kept = bySandbox.computeIfAbsent(sandbox, k -> new ArrayDeque<>());
    kept.addLast(sent);
    Instant oldest = sent.at().minus(KEPT);
    while (kept.size() > PER_SANDBOX || kept.peekFirst().at().isBefore(oldest)) {
      kept.removeFirst();
    }
  }

  /** The sandbox's requests sent at or after {@code since}, oldest first. */
  public synchronized List<Sent> since(String sandbox, Instant since) {
    Deque<Sent> kept = bySandbox.get(sandbox);
    if (kept == null) {
      return List.of();
    }
    List<Sent> out = new ArrayList<>();
    for (Sent s : kept) {
      if (!s.at().isBefore(since)) {
        out.add(s);
      }
    }
    return out;
  }
}

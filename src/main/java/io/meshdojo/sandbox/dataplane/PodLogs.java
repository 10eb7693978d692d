package io.meshdojo.sandbox.dataplane;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the simulated containers print: Envoy's access-log lines on {@code istio-proxy} and the
 * applications' own lines, for the requests learners send from pods. Bounded: the last {@value
 * #LINES_PER_CONTAINER} lines per container, and the containers of at most {@value #MAX_CONTAINERS}
 * pods, least recently written first out. Kept in this replica's memory (see docs/sandbox.md,
 * "Simulated data plane").
 */
@ApplicationScoped
public class PodLogs {

  static final int LINES_PER_CONTAINER = 1000;
  private static final int MAX_CONTAINERS = 20_000;

  /** One printed line and when. */
  public record Line(Instant at, String text) {}

  private final Map<String, Deque<Line>> logs =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Line>> eldest) {
          return size() > MAX_CONTAINERS;
        }
      };

  private final Map<String, List<Consumer<Line>>> followers = new LinkedHashMap<>();

  private static String key(String sandbox, String namespace, String pod, String container) {
    return sandbox + "|" + namespace + "|" + pod + "|" + container;
  }

  /** Appends a line to a container's log and hands it to whoever follows that log. */
  public void append(
      String sandbox, String namespace, String pod, String container, Instant at, String text) {
    String key = key(sandbox, namespace, pod, container);
    Line line = new Line(at, text);
    List<Consumer<Line>> listeners;
    synchronized (this) {
      Deque<Line> lines = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
      lines.addLast(line);
      while (lines.size() > LINES_PER_CONTAINER) {
        lines.removeFirst();
      }
      listeners = followers.getOrDefault(key, List.of());
    }
    listeners.forEach(l -> l.accept(line));
  }

  /**
   * The container's lines, oldest first: the last {@code tail} (all when null) of those printed at
   * or after {@code since} (all when null).
   */
  public synchronized List<Line> read(
      String sandbox, String namespace, String pod, String container, Integer tail, Instant since) {
    Deque<Line> lines = logs.get(key(sandbox, namespace, pod, container));
    if (lines == null) {
      return List.of();
    }
    List<Line> kept = new ArrayList<>();
    for (Line l : lines) {
      if (since == null || !l.at().isBefore(since)) {
        kept.add(l);
      }
    }
    return tail == null || tail >= kept.size()
        ? kept
        : List.copyOf(kept.subList(kept.size() - Math.max(0, tail), kept.size()));
  }

  /** Hands every new line of the container to {@code listener} until the returned handle closes. */
  public synchronized AutoCloseable follow(
      String sandbox, String namespace, String pod, String container, Consumer<Line> listener) {
    String key = key(sandbox, namespace, pod, container);
    followers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> {
      synchronized (this) {
        List<Consumer<Line>> list = followers.get(key);
        if (list != null) {
          list.remove(listener);
          if (list.isEmpty()) {
            followers.remove(key);
          }
        }
      }
    };
  }

  /** Forgets every container log of a sandbox (it was reset or ended); followers stay attached. */
  public synchronized void forget(String sandbox) {
    logs.keySet().removeIf(k -> k.startsWith(sandbox + "|"));
  }
}

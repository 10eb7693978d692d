package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.records.TrafficRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the simulated containers print: Envoy's access-log lines on {@code istio-proxy} and the
 * applications' own lines, for the requests learners send from pods. Kept in the database and
 * shared by every replica ({@link TrafficRecords}), the last {@value #LINES_PER_CONTAINER} lines
 * per container; a follower held on one replica gets the lines printed through any replica.
 */
@ApplicationScoped
public class PodLogs {

  static final int LINES_PER_CONTAINER = 1000;

  static final TrafficRecords.Stream LOGS =
      new TrafficRecords.Stream("log", LINES_PER_CONTAINER, null);

  /** One printed line and when. */
  public record Line(Instant at, String text) {}

  /** A listener and the id of the last line it was handed. */
  private static final class Follower {
    final Consumer<Line> listener;
    long handedUpTo;

    Follower(Consumer<Line> listener, long handedUpTo) {
      this.listener = listener;
      this.handedUpTo = handedUpTo;
    }
  }

  private record Container(String sandbox, String key) {}

  private final TrafficRecords records;
  private final Map<Container, List<Follower>> followers = new ConcurrentHashMap<>();

  public PodLogs(TrafficRecords records) {
    this.records = records;
    records.onWritten(this::handOn);
    records.onMissed(() -> followers.keySet().forEach(c -> handOn(c.sandbox())));
  }

  private static String key(String namespace, String pod, String container) {
    return namespace + "|" + pod + "|" + container;
  }

  /** Appends a line to a container's log; followers get it once it is written. */
  public void append(
      String sandbox, String namespace, String pod, String container, Instant at, String text) {
    records.add(sandbox, LOGS, key(namespace, pod, container), at, text);
  }

  /**
   * The container's lines, oldest first: the last {@code tail} (all when null) of those printed at
   * or after {@code since} (all when null).
   */
  public List<Line> read(
      String sandbox, String namespace, String pod, String container, Integer tail, Instant since) {
    return records.read(sandbox, LOGS, key(namespace, pod, container), 0, since, tail).stream()
        .map(e -> new Line(e.at(), e.body()))
        .toList();
  }

  /** When the container printed its last line, if it printed any. */
  public Optional<Instant> lastPrinted(String sandbox, String namespace, String pod, String name) {
    List<TrafficRecords.Entry> last =
        records.read(sandbox, LOGS, key(namespace, pod, name), 0, null, 1);
    return last.stream().map(TrafficRecords.Entry::at).findFirst();
  }

  /**
   * Hands every line the container prints from now on, through any replica, to {@code listener}
   * until the returned handle closes.
   */
  public AutoCloseable follow(
      String sandbox, String namespace, String pod, String container, Consumer<Line> listener) {
    String key = key(namespace, pod, container);
    Container watched = new Container(sandbox, key);
    Follower follower = new Follower(listener, records.lastId(sandbox, LOGS, key));
    followers.computeIfAbsent(watched, c -> new CopyOnWriteArrayList<>()).add(follower);
    return () ->
        followers.computeIfPresent(
            watched,
            (c, list) -> {
              list.remove(follower);
              return list.isEmpty() ? null : list;
            });
  }

  /** Forgets every container log of a sandbox, for every replica; followers stay attached. */
  public void forget(String sandbox) {
    records.forget(sandbox, List.of(LOGS));
  }

  /** Hands the followers of a sandbox's containers the lines written since they last got one. */
  private void handOn(String sandbox) {
    followers.forEach(
        (container, list) -> {
          if (container.sandbox().equals(sandbox)) {
            list.forEach(f -> handOn(container, f));
          }
        });
  }

  private void handOn(Container container, Follower follower) {
    synchronized (follower) {
      for (TrafficRecords.Entry e :
          records.read(
              container.sandbox(), LOGS, container.key(), follower.handedUpTo, null, null)) {
        follower.handedUpTo = e.id();
        follower.listener.accept(new Line(e.at(), e.body()));
      }
    }
  }
}

package io.meshdojo.sandbox.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A stream of values kept as JSON per sandbox (key ""), for readers that read a sandbox's whole
 * stream often: each replica keeps a decoded copy, a read fetches only the entries written since
 * the last one, whichever replica wrote them, and a sandbox's copy goes when any replica forgets
 * the sandbox or this one may have missed that news. At most {@code maxSandboxes} copies, least
 * recently read first out.
 */
public final class JsonStream<T> {

  /** A sandbox's values as read so far, and the id of the last one read. */
  private static final class Copy<T> {
    final Deque<T> kept = new ArrayDeque<>();
    long readUpTo;
  }

  private final TrafficRecords records;
  private final TrafficRecords.Stream stream;
  private final Class<T> type;
  private final ObjectMapper json;
  private final Map<String, Copy<T>> copies;

  public JsonStream(
      TrafficRecords records,
      TrafficRecords.Stream stream,
      Class<T> type,
      ObjectMapper json,
      int maxSandboxes) {
    this.records = records;
    this.stream = stream;
    this.type = type;
    this.json = json;
    this.copies =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Copy<T>> eldest) {
            return size() > maxSandboxes;
          }
        };
    records.onForgotten(this::drop);
    records.onMissed(this::dropAll);
  }

  /** Adds a value to be written with the next batch ({@link TrafficRecords#add}). */
  public void add(String sandbox, Instant at, T value) {
    records.add(sandbox, stream, "", at, encode(value));
  }

  /** Writes a value in the current transaction ({@link TrafficRecords#writeNow}). */
  public void writeNow(String sandbox, Instant at, T value) {
    records.writeNow(sandbox, stream, "", at, encode(value));
  }

  /**
   * The sandbox's values, oldest first: at most the stream's {@code keep}, without the oldest ones
   * that {@code stale} rejects.
   */
  public List<T> read(String sandbox, Predicate<T> stale) {
    Copy<T> copy;
    synchronized (copies) {
      copy = copies.computeIfAbsent(sandbox, s -> new Copy<>());
    }
    synchronized (copy) {
      for (TrafficRecords.Entry e : records.read(sandbox, stream, "", copy.readUpTo, null, null)) {
        copy.kept.addLast(decode(e.body()));
        copy.readUpTo = e.id();
      }
      while (!copy.kept.isEmpty()
          && (copy.kept.size() > stream.keep() || stale.test(copy.kept.peekFirst()))) {
        copy.kept.removeFirst();
      }
      return List.copyOf(copy.kept);
    }
  }

  /** The sandbox's newest value as stored now, read past this replica's copy. */
  public Optional<T> newest(String sandbox) {
    return records.read(sandbox, stream, "", 0, null, 1).stream()
        .map(e -> decode(e.body()))
        .findFirst();
  }

  private String encode(T value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a " + stream.name() + " cannot be written as JSON", e);
    }
  }

  private T decode(String body) {
    try {
      return json.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored " + stream.name() + " is not readable: " + body, e);
    }
  }

  private void drop(String sandbox) {
    synchronized (copies) {
      copies.remove(sandbox);
    }
  }

  private void dropAll() {
    synchronized (copies) {
      copies.clear();
    }
  }
}

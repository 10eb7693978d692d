package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Committed changes of every sandbox, handed to the watches open on it. A short history per sandbox
 * lets a watch that starts from a list's resourceVersion see what happened in between.
 */
@ApplicationScoped
public class WatchHub {

  /** A committed change; {@code object} is stored JSON, already a private copy. */
  public record Event(
      String sandboxId,
      String type,
      String group,
      String resource,
      String namespace,
      long resourceVersion,
      ObjectNode object) {}

  private static final int HISTORY = 256;

  private final Map<String, List<Consumer<Event>>> watchers = new ConcurrentHashMap<>();
  private final Map<String, Deque<Event>> history = new ConcurrentHashMap<>();

  public void publish(List<Event> events) {
    for (Event e : events) {
      Deque<Event> h = history.computeIfAbsent(e.sandboxId(), k -> new ArrayDeque<>());
      synchronized (h) {
        h.addLast(e);
        while (h.size() > HISTORY) {
          h.removeFirst();
        }
      }
      for (Consumer<Event> w : watchers.getOrDefault(e.sandboxId(), List.of())) {
        w.accept(e);
      }
    }
  }

  /** Registers a watcher and returns the buffered events newer than {@code sinceVersion}. */
  public List<Event> watch(String sandboxId, long sinceVersion, Consumer<Event> watcher) {
    watchers.computeIfAbsent(sandboxId, k -> new CopyOnWriteArrayList<>()).add(watcher);
    Deque<Event> h = history.get(sandboxId);
    if (h == null) {
      return List.of();
    }
    synchronized (h) {
      return h.stream().filter(e -> e.resourceVersion() > sinceVersion).toList();
    }
  }

  public void unwatch(String sandboxId, Consumer<Event> watcher) {
    List<Consumer<Event>> list = watchers.get(sandboxId);
    if (list != null) {
      list.remove(watcher);
    }
  }

  /** Forgets a sandbox that ended. */
  public void forget(String sandboxId) {
    history.remove(sandboxId);
  }
}

package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Committed changes of every sandbox, handed to the watches open on it. No history is kept, so an
 * idle sandbox costs no memory: a watch that starts from a resourceVersion is first sent what the
 * database holds beyond it (see {@link EmbeddedApi}).
 */
@ApplicationScoped
public class WatchHub {

  /** A committed change; {@code object} is a private copy. */
  public record Event(
      String sandboxId,
      String type,
      String group,
      String resource,
      String namespace,
      long resourceVersion,
      ObjectNode object) {}

  private final Map<String, List<Consumer<Event>>> watchers = new ConcurrentHashMap<>();

  public void publish(List<Event> events) {
    for (Event e : events) {
      for (Consumer<Event> w : watchers.getOrDefault(e.sandboxId(), List.of())) {
        w.accept(e);
      }
    }
  }

  public void watch(String sandboxId, Consumer<Event> watcher) {
    watchers.computeIfAbsent(sandboxId, k -> new CopyOnWriteArrayList<>()).add(watcher);
  }

  public void unwatch(String sandboxId, Consumer<Event> watcher) {
    watchers.computeIfPresent(
        sandboxId,
        (k, list) -> {
          list.remove(watcher);
          return list.isEmpty() ? null : list;
        });
  }

  int watchedSandboxes() {
    return watchers.size();
  }
}

package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.config.MeshDojoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Committed changes of every sandbox, handed to the watches open on it. No history is kept, so an
 * idle sandbox costs no memory: a watch that starts from a resourceVersion is first sent what the
 * database holds beyond it (see {@link EmbeddedApi}). Watches are counted per sandbox and per
 * account, each open one holding a connection, and all of a sandbox's end with its session.
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

  /** An open watch: it is handed each committed change of its sandbox, and may be ended early. */
  public interface Watch {
    void accept(Event event);

    /** Ends the watch, telling its client why in a sentence. */
    void end(String why);
  }

  private record Registration(long accountId, Watch watch) {}

  private final Map<String, List<Registration>> watches = new ConcurrentHashMap<>();
  private final int perSandbox;
  private final int perAccount;

  @Inject
  public WatchHub(MeshDojoConfig config) {
    this(config.sandbox().maxWatchesPerSandbox(), config.sandbox().maxWatchesPerAccount());
  }

  WatchHub(int perSandbox, int perAccount) {
    this.perSandbox = perSandbox;
    this.perAccount = perAccount;
  }

  public void publish(List<Event> events) {
    for (Event e : events) {
      for (Registration r : watches.getOrDefault(e.sandboxId(), List.of())) {
        r.watch().accept(e);
      }
    }
  }

  /**
   * Opens a watch on a sandbox of an account.
   *
   * @throws KubeException 429 when the sandbox or the account already has as many open as allowed
   */
  public synchronized void watch(String sandboxId, long accountId, Watch watch) {
    List<Registration> onSandbox = watches.getOrDefault(sandboxId, List.of());
    if (onSandbox.size() >= perSandbox) {
      throw tooMany("this sandbox already has " + perSandbox + " open watches");
    }
    long ofAccount =
        watches.values().stream()
            .flatMap(List::stream)
            .filter(r -> r.accountId() == accountId)
            .count();
    if (ofAccount >= perAccount) {
      throw tooMany("your sandboxes already have " + perAccount + " open watches");
    }
    watches
        .computeIfAbsent(sandboxId, k -> new CopyOnWriteArrayList<>())
        .add(new Registration(accountId, watch));
  }

  public synchronized void unwatch(String sandboxId, Watch watch) {
    watches.computeIfPresent(
        sandboxId,
        (k, list) -> {
          list.removeIf(r -> r.watch() == watch);
          return list.isEmpty() ? null : list;
        });
  }

  /** Ends every watch open on a sandbox, whose session ended or expired. */
  public void endAll(String sandboxId, String why) {
    List<Registration> open;
    synchronized (this) {
      open = watches.remove(sandboxId);
    }
    if (open != null) {
      open.forEach(r -> r.watch().end(why));
    }
  }

  private static KubeException tooMany(String situation) {
    return new KubeException(
        429,
        "TooManyRequests",
        "too many watches: "
            + situation
            + "; stop one (for example a `kubectl get -w` left running) and try again");
  }

  /** Whether any watch is open on the sandbox here. */
  boolean watching(String sandboxId) {
    return watches.containsKey(sandboxId);
  }

  int watchedSandboxes() {
    return watches.size();
  }
}

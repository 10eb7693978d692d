package io.meshdojo.sandbox.embedded;

import io.meshdojo.sandbox.LruMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Something derived from an embedded sandbox's stored objects (the grader's reading of them, the
 * data plane's picture), kept per sandbox for as long as its change version is unchanged, for at
 * most {@code max} sandboxes (the least recently used are forgotten).
 *
 * <p>The version is read from the database, so a write through any replica is seen at once. It is
 * read <em>before</em> the objects: objects read after it are at least that new, so a value kept
 * under a version is never older than that version (a write committed in between makes the version
 * newer, and the next look-up derives again).
 */
public final class PerSandboxVersion<T> {

  private record Kept<T>(long version, T value) {}

  private final ToLongFunction<String> version;
  private final Function<String, List<Map<String, Object>>> objects;
  private final BiFunction<String, List<Map<String, Object>>, T> derive;
  private final Map<String, Kept<T>> kept;

  /**
   * @param derive the value of a sandbox (its id) from its objects as plain maps
   */
  public PerSandboxVersion(
      ObjectStore store, int max, BiFunction<String, List<Map<String, Object>>, T> derive) {
    this(store::currentVersion, store::allAsMaps, max, derive);
  }

  PerSandboxVersion(
      ToLongFunction<String> version,
      Function<String, List<Map<String, Object>>> objects,
      int max,
      BiFunction<String, List<Map<String, Object>>, T> derive) {
    this.version = version;
    this.objects = objects;
    this.derive = derive;
    this.kept = new LruMap<>(max);
  }

  /** The value for the sandbox as it is now: kept, or derived from its objects and kept. */
  public T of(String sandbox) {
    long now = version.applyAsLong(sandbox);
    synchronized (kept) {
      Kept<T> k = kept.get(sandbox);
      if (k != null && k.version() == now) {
        return k.value();
      }
    }
    T value = derive.apply(sandbox, objects.apply(sandbox));
    synchronized (kept) {
      Kept<T> k = kept.get(sandbox);
      // a slower look-up of an older version does not replace a newer one
      if (k == null || k.version() <= now) {
        kept.put(sandbox, new Kept<>(now, value));
      }
    }
    return value;
  }

  /** How many sandboxes' values are kept. */
  public int size() {
    synchronized (kept) {
      return kept.size();
    }
  }
}

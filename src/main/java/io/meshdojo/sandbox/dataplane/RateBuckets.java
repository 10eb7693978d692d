package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.LruMap;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * The token buckets of Slime's local rate limits in the simulated sandboxes: one per pod (or per
 * service for a global limit), refilled to its quota once a fill interval has passed since the
 * bucket was last refilled. Time is the requests' modelled time, so a burst of 100 requests that
 * takes 0.3 s of modelled time meets one bucket, whatever the machine's speed.
 */
@ApplicationScoped
public class RateBuckets {

  private static final int MAX_BUCKETS = 10_000;

  private record Window(long startMs, int used) {}

  private final Map<String, Window> windows = new LruMap<>(MAX_BUCKETS);

  /**
   * Takes a token at {@code at}; false when the bucket is empty (the request gets 429).
   *
   * @param tokens the quota per fill interval
   */
  public synchronized boolean take(String bucket, int tokens, long fillMs, Instant at) {
    long now = at.toEpochMilli();
    Window w = windows.get(bucket);
    if (w == null || now - w.startMs() >= fillMs || now < w.startMs()) {
      w = new Window(now, 0);
    }
    if (w.used() >= tokens) {
      windows.put(bucket, w);
      return false;
    }
    windows.put(bucket, new Window(w.startMs(), w.used() + 1));
    return true;
  }
}

package io.meshdojo.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map in access order that forgets its least recently used entry beyond {@code max}. Not
 * thread-safe: its users lock it (a read reorders it).
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

  private final int max;

  public LruMap(int max) {
    super(64, 0.75f, true);
    this.max = max;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > max;
  }
}

package io.meshdojo.sandbox.console;

import java.util.function.LongSupplier;

/**
 * A token bucket: at most {@code perSecond} messages a second on average, with bursts up to the
 * same number (pasting into the shell sends many at once). Not thread-safe on its own; each
 * connection owns one and the socket reads a connection's messages one after the other.
 */
public final class MessageRate {

  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  public MessageRate(int perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
    this.tokens = perSecond;
    this.last = nanoClock.getAsLong();
  }

  /** Whether one more message may be handled now (and counts it if so). */
  public synchronized boolean allow() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(perSecond, tokens + (double) (now - last) * perSecond / SECOND);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}

package io.meshdojo.account;

import io.meshdojo.config.MeshDojoConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts sign-in failures and sign-ups in fixed windows, per account and per address, and says when
 * a bucket is full. The counters live in the database (table {@code throttle_window}) rather than
 * in memory so that every instance behind a load balancer counts the same attempts and a restart
 * does not reset them.
 */
@ApplicationScoped
public class Throttle {

  /** A bucket and how many attempts it takes per window. */
  public record Limit(String bucket, int max, Duration window) {}

  private final ThrottleRepository windows;
  private final MeshDojoConfig.Throttling config;

  public Throttle(ThrottleRepository windows, MeshDojoConfig config) {
    this.windows = windows;
    this.config = config.throttling();
  }

  Limit accountSignInFailures(String username) {
    String name = username.toLowerCase(Locale.ROOT);
    return new Limit(
        "sign-in-failures:account:" + name.substring(0, Math.min(name.length(), 64)),
        config.accountFailures(),
        config.signInWindow());
  }

  Limit addressSignInFailures(String address) {
    return new Limit(
        "sign-in-failures:address:" + address, config.addressFailures(), config.signInWindow());
  }

  Limit addressSignups(String address) {
    return new Limit("sign-ups:address:" + address, config.addressSignups(), config.signupWindow());
  }

  /**
   * How long until the first full bucket of {@code limits} takes attempts again, if any is full.
   */
  public Optional<Duration> retryAfter(Limit... limits) {
    Instant now = Instant.now();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Duration longest = null;
              for (Limit limit : limits) {
                Optional<ThrottleWindow> window = windows.findByIdOptional(limit.bucket());
                if (window.isPresent() && window.get().hits >= limit.max()) {
                  Duration left =
                      Duration.between(now, window.get().windowStart.plus(limit.window()));
                  if (!left.isNegative()
                      && !left.isZero()
                      && (longest == null || left.compareTo(longest) > 0)) {
                    longest = left;
                  }
                }
              }
              return Optional.ofNullable(longest);
            });
  }

  /** Counts one attempt in each bucket. */
  public void record(Limit... limits) {
    for (Limit limit : limits) {
      try {
        QuarkusTransaction.requiringNew().run(() -> count(limit));
      } catch (PersistenceException firstInsertRaced) {
        // another request created the bucket's row at the same moment: count in that row
        QuarkusTransaction.requiringNew().run(() -> count(limit));
      }
    }
  }

  /** Forgets a bucket, e.g. an account's failures once it signed in. */
  public void clear(Limit limit) {
    QuarkusTransaction.requiringNew().run(() -> windows.deleteById(limit.bucket()));
  }

  private void count(Limit limit) {
    Instant now = Instant.now();
    ThrottleWindow window = windows.lock(limit.bucket()).orElse(null);
    if (window == null) {
      window = new ThrottleWindow();
      window.bucket = limit.bucket();
      window.windowStart = now;
      window.hits = 1;
      windows.persist(window);
      windows.flush();
      forgetExpired(now);
    } else if (!now.isBefore(window.windowStart.plus(limit.window()))) {
      window.windowStart = now;
      window.hits = 1;
    } else {
      window.hits++;
    }
  }

  /** Rows whose longest window is over say nothing any more; keep the table small. */
  private void forgetExpired(Instant now) {
    Duration longest =
        config.signInWindow().compareTo(config.signupWindow()) > 0
            ? config.signInWindow()
            : config.signupWindow();
    windows.delete("windowStart < ?1", now.minus(longest));
  }
}

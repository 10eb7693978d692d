package io.meshdojo.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One connection of its own that LISTENs on a PostgreSQL channel, on a daemon thread, and hands
 * each notification's payload on. It is not taken from the pool: it stays open for the process's
 * life. When the connection fails it opens another and says so ({@code resumed}): notifications
 * sent while it was down are lost, and whoever relies on them reads what they missed from the
 * database.
 */
final class NotificationListener implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(NotificationListener.class);

  /** How long one wait for notifications lasts, so that closing is noticed soon. */
  private static final int WAIT_MILLIS = 500;

  private final String url;
  private final Properties credentials;
  private final String channel;
  private final Consumer<String> received;
  private final Runnable resumed;
  private final Duration retryAfter;
  private final Thread thread;
  private volatile boolean open = true;
  private volatile boolean listening;

  NotificationListener(
      String url,
      Properties credentials,
      String channel,
      Consumer<String> received,
      Runnable resumed,
      Duration retryAfter) {
    if (!channel.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain channel name: " + channel);
    }
    this.url = url;
    this.credentials = credentials;
    this.channel = channel;
    this.received = received;
    this.resumed = resumed;
    this.retryAfter = retryAfter;
    this.thread = new Thread(this::run, "fleet-listener");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** True once LISTEN took effect: notifications committed from now on arrive. */
  boolean listening() {
    return listening;
  }

  private void run() {
    boolean first = true;
    while (open) {
      try (Connection connection = DriverManager.getConnection(url, credentials)) {
        try (Statement listen = connection.createStatement()) {
          listen.execute("LISTEN " + channel);
        }
        listening = true;
        if (!first) {
          LOG.info("listening to the fleet again");
          resumed.run();
        }
        first = false;
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (open) {
          PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
          if (notifications == null) {
            continue;
          }
          for (PGNotification n : notifications) {
            deliver(n.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        listening = false;
        first = false;
        if (open) {
          LOG.warnf(
              "lost the fleet's notifications (%s); connecting again in %s",
              e.getMessage(), retryAfter);
          pause();
        }
      }
    }
  }

  private void deliver(String payload) {
    try {
      received.accept(payload);
    } catch (RuntimeException e) {
      // A message that could not be handled must not stop the messages after it.
      LOG.errorf(e, "a notification could not be handled: %s", payload);
    }
  }

  private void pause() {
    try {
      Thread.sleep(retryAfter.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      open = false;
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

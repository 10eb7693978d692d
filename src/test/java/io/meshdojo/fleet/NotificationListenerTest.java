package io.meshdojo.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LISTEN/NOTIFY between two connections of the test database, as between two replicas: a message
 * arrives once its transaction commits, never when it rolls back, and the listener outlives the
 * loss of its connection.
 */
class NotificationListenerTest {

  static final String URL =
      "jdbc:postgresql://127.0.0.1:5432/" + System.getProperty("test.database", "meshdojo_test");
  static final String CHANNEL = "meshdojo_fleet_listener_test";

  final List<String> received = new CopyOnWriteArrayList<>();
  final AtomicInteger resumed = new AtomicInteger();
  NotificationListener listener;

  @AfterEach
  void close() {
    if (listener != null) {
      listener.close();
    }
  }

  static Connection sender() throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", "meshdojo");
    return DriverManager.getConnection(URL, credentials);
  }

  static void notify(Connection c, String payload) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select pg_notify(?, ?)")) {
      s.setString(1, CHANNEL);
      s.setString(2, payload);
      s.execute();
    }
  }

  void listen() {
    Properties credentials = new Properties();
    credentials.setProperty("user", "meshdojo");
    listener =
        new NotificationListener(
            URL,
            credentials,
            CHANNEL,
            received::add,
            resumed::incrementAndGet,
            Duration.ofMillis(100));
    listener.start();
    await().atMost(Duration.ofSeconds(10)).until(listener::listening);
  }

  @Test
  void aMessageArrivesWhenItsTransactionCommitsAndNotWhenItRollsBack() throws SQLException {
    listen();
    try (Connection c = sender()) {
      c.setAutoCommit(false);
      notify(c, "rolled back");
      c.rollback();
      notify(c, "first");
      notify(c, "second");
      // Sent with the commit, in order: the later message arriving proves the rolled-back one
      // would have arrived before it.
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(received::isEmpty);
      c.commit();
    }
    await().atMost(Duration.ofSeconds(1)).until(() -> received.size() == 2);
    assertThat(received).containsExactly("first", "second");
  }

  @Test
  void aLostConnectionIsReplacedAndSaysSo() throws SQLException {
    listen();
    try (Connection c = sender()) {
      try (PreparedStatement end =
          c.prepareStatement(
              "select pg_terminate_backend(pid) from pg_stat_activity where datname ="
                  + " current_database() and query = 'LISTEN "
                  + CHANNEL
                  + "' and pid <> pg_backend_pid()")) {
        end.execute();
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> resumed.get() == 1);
      await().atMost(Duration.ofSeconds(10)).until(listener::listening);
      notify(c, "after the loss");
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> received.contains("after the loss"));
  }

  @Test
  void aChannelNameIsNeverQuotedIntoSql() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new NotificationListener(
                    URL,
                    new Properties(),
                    "x; drop table account",
                    s -> {},
                    () -> {},
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.meshdojo.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdojo.fleet.FleetBus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The watches of this replica hear what another replica does to their sandbox. The other replica is
 * played by a connection of the test's own: it records changes and notifies, as {@link
 * ChangeJournal} does in the replica that wrote them.
 */
@QuarkusTest
class FleetWatchesTest {

  static final String OTHER = "another-replica";

  @Inject WatchHub hub;
  @Inject FleetBus fleet;

  /** A watch that records what it is handed and why it ended; written by the listener thread. */
  static final class Recorded implements WatchHub.Watch {
    final List<WatchHub.Event> seen = new CopyOnWriteArrayList<>();
    final List<String> endedBecause = new CopyOnWriteArrayList<>();

    @Override
    public void accept(WatchHub.Event event) {
      seen.add(event);
    }

    @Override
    public void end(String why) {
      endedBecause.add(why);
    }
  }

  static Connection otherReplica() throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", "meshdojo");
    Connection c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:5432/"
                + System.getProperty("test.database", "meshdojo_test"),
            credentials);
    c.setAutoCommit(false);
    return c;
  }

  static void record(Connection c, String origin, String sandbox, long rv, String type, String name)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into sandbox_change (sandbox_id, resource_version, change_type, api_group,"
                + " resource, namespace, body, origin, committed_at)"
                + " values (?, ?, ?, '', 'configmaps', 'default', ?, ?, current_timestamp)")) {
      s.setString(1, sandbox);
      s.setLong(2, rv);
      s.setString(3, type);
      s.setString(
          4,
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
              + name
              + "\",\"namespace\":\"default\",\"resourceVersion\":\""
              + rv
              + "\"}}");
      s.setString(5, origin);
      s.executeUpdate();
    }
  }

  static void tell(Connection c, String origin, String topic, String body) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select pg_notify('meshdojo_fleet', ?)")) {
      s.setString(1, origin + " " + topic + " " + body);
      s.execute();
    }
  }

  @Test
  void anotherReplicasChangesReachAWatchHereDeletionsIncludedAndOwnChangesNeverTwice()
      throws SQLException {
    await().atMost(Duration.ofSeconds(10)).until(fleet::listening);
    String sandbox = "fleet-" + System.nanoTime();
    Recorded watch = new Recorded();
    hub.watch(sandbox, 1, watch);
    try (Connection other = otherReplica()) {
      record(other, OTHER, sandbox, 7, "ADDED", "a");
      tell(other, OTHER, ChangeJournal.CHANGED, sandbox + " 7");
      other.commit();
      record(other, OTHER, sandbox, 8, "DELETED", "a");
      tell(other, OTHER, ChangeJournal.CHANGED, sandbox + " 8");
      other.commit();
      await()
          .atMost(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(watch.seen)
                      .extracting(WatchHub.Event::type, WatchHub.Event::resourceVersion)
                      .containsExactly(
                          org.assertj.core.groups.Tuple.tuple("ADDED", 7L),
                          org.assertj.core.groups.Tuple.tuple("DELETED", 8L)));
      assertThat(watch.seen.get(1).object().path("metadata").path("name").asText()).isEqualTo("a");

      // A change this replica made itself went to its watches at once: the fleet does not hand it
      // back, neither when told of it nor with a later change of another replica.
      record(other, fleet.replica(), sandbox, 9, "ADDED", "mine");
      tell(other, fleet.replica(), ChangeJournal.CHANGED, sandbox + " 9");
      other.commit();
      record(other, OTHER, sandbox, 10, "ADDED", "b");
      tell(other, OTHER, ChangeJournal.CHANGED, sandbox + " 10");
      other.commit();
    }
    await()
        .atMost(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(watch.seen)
                    .extracting(WatchHub.Event::resourceVersion)
                    .containsExactly(7L, 8L, 10L));
    hub.unwatch(sandbox, watch);
  }

  @Test
  void aReplicaThatLostItsConnectionReadsWhatItMissed() throws SQLException {
    await().atMost(Duration.ofSeconds(10)).until(fleet::listening);
    String sandbox = "missed-" + System.nanoTime();
    Recorded watch = new Recorded();
    hub.watch(sandbox, 1, watch);
    try (Connection other = otherReplica()) {
      record(other, OTHER, sandbox, 3, "ADDED", "heard");
      tell(other, OTHER, ChangeJournal.CHANGED, sandbox + " 3");
      other.commit();
      await().atMost(Duration.ofSeconds(1)).until(() -> watch.seen.size() == 1);
      // Recorded, but its notification never reaches this replica: it is not listening.
      record(other, OTHER, sandbox, 4, "ADDED", "missed");
      other.commit();
      try (PreparedStatement cut =
          other.prepareStatement(
              "select pg_terminate_backend(pid) from pg_stat_activity"
                  + " where datname = current_database() and query = 'LISTEN meshdojo_fleet'")) {
        cut.execute();
      }
      other.commit();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(watch.seen)
                    .extracting(WatchHub.Event::resourceVersion)
                    .containsExactly(3L, 4L));
    hub.unwatch(sandbox, watch);
  }

  @Test
  void aSessionEndedOnAnotherReplicaEndsItsWatchesHere() throws SQLException {
    await().atMost(Duration.ofSeconds(10)).until(fleet::listening);
    String sandbox = "ended-" + System.nanoTime();
    Recorded watch = new Recorded();
    hub.watch(sandbox, 1, watch);
    try (Connection other = otherReplica()) {
      tell(other, OTHER, ChangeJournal.ENDED, sandbox);
      other.commit();
    }
    await()
        .atMost(Duration.ofSeconds(1))
        .untilAsserted(
            () -> assertThat(watch.endedBecause).containsExactly("this sandbox no longer exists"));
    assertThat(hub.watching(sandbox)).isFalse();
  }
}

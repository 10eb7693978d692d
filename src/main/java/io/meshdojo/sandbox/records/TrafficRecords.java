package io.meshdojo.sandbox.records;

import io.meshdojo.fleet.FleetBus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * What the embedded sandboxes' simulated traffic leaves behind (containers' log lines, proxies'
 * request reports), kept in the table {@code sandbox_traffic} so that every replica of a fleet
 * reads the same records. Writers add entries to a buffer that is written in one batch when a
 * command ends ({@link #flush}), when it grows large, or before anything is read here, so a replica
 * always reads its own writes. After each batch the other replicas are told which sandboxes got new
 * entries ({@link FleetBus}), so that a follower of a log there sees them within a second.
 */
@ApplicationScoped
public class TrafficRecords {

  /**
   * A kind of record and its retention rule, applied per sandbox and key whenever entries are
   * written.
   *
   * @param name the {@code stream} column's value
   * @param keep how many entries of a key are kept, newest first
   * @param maxAge how old an entry may get, or null for no limit
   */
  public record Stream(String name, int keep, Duration maxAge) {}

  /** One stored entry; ids grow in the order entries were written. */
  public record Entry(long id, Instant at, String body) {}

  static final String TOPIC = "sandbox-traffic";
  private static final String WRITTEN = "written ";
  private static final String FORGOTTEN = "forgotten ";

  /** The first key of this class's advisory locks, so that they name no one else's. */
  static final int ADVISORY_LOCK_CLASS = 0x7472_6166;

  /** Entries a buffer holds before it is written without waiting for the command's end. */
  static final int BATCH = 500;

  private record Pending(String sandbox, Stream stream, String key, Instant at, String body) {}

  private record Touched(String sandbox, Stream stream, String key) {}

  private final DataSource database;
  private final FleetBus fleet;
  private final List<Pending> pending = new ArrayList<>();

  /** Serialises this replica's batches, so a read that flushed sees every earlier entry. */
  private final Object writing = new Object();

  private final List<Consumer<String>> writtenListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> forgottenListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> missedListeners = new CopyOnWriteArrayList<>();

  public TrafficRecords(DataSource database, FleetBus fleet) {
    this.database = database;
    this.fleet = fleet;
    fleet.subscribe(TOPIC, this::received);
    fleet.onResume(() -> missedListeners.forEach(Runnable::run));
  }

  /** Adds an entry to be written with the next batch. */
  public void add(String sandbox, Stream stream, String key, Instant at, String body) {
    boolean full;
    synchronized (pending) {
      pending.add(new Pending(sandbox, stream, key, at, body));
      full = pending.size() >= BATCH;
    }
    if (full) {
      flush();
    }
  }

  /**
   * Writes the buffered entries in one transaction, applies the retention rules to what they
   * touched, and tells every replica (this one at once) which sandboxes have new entries.
   */
  public void flush() {
    Set<String> sandboxes = new LinkedHashSet<>();
    synchronized (writing) {
      List<Pending> batch;
      synchronized (pending) {
        batch = new ArrayList<>(pending);
        pending.clear();
      }
      if (batch.isEmpty()) {
        return;
      }
      batch.forEach(p -> sandboxes.add(p.sandbox()));
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                takeTurns(sandboxes);
                write(batch);
                sandboxes.forEach(s -> fleet.tellOthers(TOPIC, WRITTEN + s));
              });
    }
    sandboxes.forEach(s -> writtenListeners.forEach(l -> l.accept(s)));
  }

  /**
   * Writes one entry in the current transaction (or one of its own outside any): it is kept if and
   * only if that commits. Other replicas read it when they next read the key.
   */
  public void writeNow(String sandbox, Stream stream, String key, Instant at, String body) {
    write(List.of(new Pending(sandbox, stream, key, at, body)));
  }

  /**
   * A key's entries, oldest first: those after {@code afterId} written at or after {@code since}
   * (null: any time), the last {@code tail} of them (null: all).
   */
  public List<Entry> read(
      String sandbox, Stream stream, String key, long afterId, Instant since, Integer tail) {
    flush();
    String sql =
        "select id, recorded_at, body from sandbox_traffic where sandbox_id = ? and stream = ?"
            + " and record_key = ? and id > ?"
            + (since == null ? "" : " and recorded_at >= ?")
            + " order by id desc"
            + (tail == null ? "" : " limit ?");
    return query(
        sql,
        s -> {
          int i = bind(s, sandbox, stream, key);
          s.setLong(i++, afterId);
          if (since != null) {
            s.setObject(i++, time(since));
          }
          if (tail != null) {
            s.setInt(i, Math.max(0, tail));
          }
          List<Entry> newestFirst = new ArrayList<>();
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              newestFirst.add(
                  new Entry(
                      r.getLong(1),
                      r.getObject(2, OffsetDateTime.class).toInstant(),
                      r.getString(3)));
            }
          }
          Collections.reverse(newestFirst);
          return newestFirst;
        });
  }

  /** The id of a key's newest entry, 0 when it has none. */
  public long lastId(String sandbox, Stream stream, String key) {
    List<Entry> last = read(sandbox, stream, key, 0, null, 1);
    return last.isEmpty() ? 0 : last.get(0).id();
  }

  /**
   * Deletes a sandbox's entries of the given streams (reset, release), here and for every replica's
   * readers, in the current transaction (or one of its own outside any).
   */
  public void forget(String sandbox, List<Stream> streams) {
    flush();
    QuarkusTransaction.joiningExisting()
        .run(
            () -> {
              for (Stream stream : streams) {
                query(
                    "delete from sandbox_traffic where sandbox_id = ? and stream = ?",
                    s -> {
                      s.setString(1, sandbox);
                      s.setString(2, stream.name());
                      return s.executeUpdate();
                    });
              }
              fleet.tellOthers(TOPIC, FORGOTTEN + sandbox);
            });
    forgottenListeners.forEach(l -> l.accept(sandbox));
  }

  /** Runs {@code listener} with a sandbox's id whenever entries of it were written, anywhere. */
  public void onWritten(Consumer<String> listener) {
    writtenListeners.add(listener);
  }

  /** Runs {@code listener} with a sandbox's id whenever its entries were deleted, anywhere. */
  public void onForgotten(Consumer<String> listener) {
    forgottenListeners.add(listener);
  }

  /** Runs {@code listener} when this replica may have missed news of the others (reconnected). */
  public void onMissed(Runnable listener) {
    missedListeners.add(listener);
  }

  private void received(String body) {
    if (body.startsWith(WRITTEN)) {
      String sandbox = body.substring(WRITTEN.length());
      writtenListeners.forEach(l -> l.accept(sandbox));
    } else if (body.startsWith(FORGOTTEN)) {
      String sandbox = body.substring(FORGOTTEN.length());
      forgottenListeners.forEach(l -> l.accept(sandbox));
    }
  }

  /**
   * Makes the batches of other replicas that write to the same sandboxes wait for this one to
   * commit (PostgreSQL's transaction-scoped advisory locks, taken in one order), so that a
   * sandbox's ids grow in the order its entries are committed and a reader that remembers the last
   * id it read misses none. One replica's batches already take turns ({@link #writing}); entries
   * written with {@link #writeNow} take turns under the sandbox's own lock (its write).
   */
  private void takeTurns(Set<String> sandboxes) {
    if (!fleet.shared()) {
      return;
    }
    for (String sandbox : new TreeSet<>(sandboxes)) {
      query(
          "select pg_advisory_xact_lock(?, hashtext(?))",
          s -> {
            s.setInt(1, ADVISORY_LOCK_CLASS);
            s.setString(2, sandbox);
            return s.execute();
          });
    }
  }

  private void write(List<Pending> batch) {
    Set<Touched> touched = new LinkedHashSet<>();
    query(
        "insert into sandbox_traffic (sandbox_id, stream, record_key, recorded_at, body)"
            + " values (?, ?, ?, ?, ?)",
        s -> {
          for (Pending p : batch) {
            int i = bind(s, p.sandbox(), p.stream(), p.key());
            s.setObject(i++, time(p.at()));
            s.setString(i, p.body());
            s.addBatch();
            touched.add(new Touched(p.sandbox(), p.stream(), p.key()));
          }
          return s.executeBatch();
        });
    touched.forEach(this::trim);
  }

  /**
   * Applies a stream's retention rule to one key: its newest {@code keep}, none too old. The
   * cut-off id is looked up on its own first: as a subquery of the delete, each command's flush
   * took about a second on H2 (bench/exec-bench.sh's 100-request loop: p50 1.16 s, 0.21 s now).
   */
  private void trim(Touched t) {
    Long cutOff =
        query(
            "select id from sandbox_traffic where sandbox_id = ? and stream = ? and record_key = ?"
                + " order by id desc limit 1 offset ?",
            s -> {
              int i = bind(s, t.sandbox(), t.stream(), t.key());
              s.setInt(i, t.stream().keep());
              try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
              }
            });
    if (cutOff != null) {
      query(
          "delete from sandbox_traffic where sandbox_id = ? and stream = ? and record_key = ?"
              + " and id <= ?",
          s -> {
            int i = bind(s, t.sandbox(), t.stream(), t.key());
            s.setLong(i, cutOff);
            return s.executeUpdate();
          });
    }
    if (t.stream().maxAge() != null) {
      query(
          "delete from sandbox_traffic where sandbox_id = ? and stream = ? and record_key = ?"
              + " and recorded_at < ?",
          s -> {
            int i = bind(s, t.sandbox(), t.stream(), t.key());
            s.setObject(i, time(Instant.now().minus(t.stream().maxAge())));
            return s.executeUpdate();
          });
    }
  }

  private static int bind(PreparedStatement s, String sandbox, Stream stream, String key)
      throws SQLException {
    return bind(s, 1, sandbox, stream, key);
  }

  /** Binds a key's three columns from parameter {@code from} on; returns the next parameter. */
  private static int bind(PreparedStatement s, int from, String sandbox, Stream stream, String key)
      throws SQLException {
    s.setString(from, sandbox);
    s.setString(from + 1, stream.name());
    s.setString(from + 2, key);
    return from + 3;
  }

  private static OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private interface Statement<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  /** Runs one statement on a connection of the current transaction (or a short one of its own). */
  private <T> T query(String sql, Statement<T> work) {
    try (Connection c = database.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      return work.run(s);
    } catch (SQLException e) {
      throw new IllegalStateException("the sandbox traffic records cannot be reached", e);
    }
  }
}

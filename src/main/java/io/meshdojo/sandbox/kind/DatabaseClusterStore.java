package io.meshdojo.sandbox.kind;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The pool's state as rows ({@code kind_cluster}, {@code kind_ticket}, {@code kind_reservation};
 * see {@code V13__kind_pool.sql}). Every piece of work runs in a transaction of its own that first
 * locks the one row of {@code kind_pool_lock} ({@code SELECT ... FOR UPDATE}): capacity is a count
 * over all clusters, so deciding to start one needs every other decision to wait, whichever replica
 * makes it. Only the rows the work changed are written.
 */
public final class DatabaseClusterStore implements ClusterStore {

  private static final String CLUSTER_COLUMNS =
      "id, environment, state, reserved_for, owner, kubeconfig, created_at, granted_at,"
          + " expires_at, last_activity, error, failed_step";

  private final DataSource database;
  private volatile Boolean shared;

  public DatabaseClusterStore(DataSource database) {
    this.database = database;
  }

  @Override
  public <T> T locked(Function<PoolRows, Outcome<T>> work) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = database.getConnection()) {
                try (PreparedStatement lock =
                    c.prepareStatement("select name from kind_pool_lock for update")) {
                  lock.executeQuery().close();
                }
                PoolRows before = read(c);
                Outcome<T> outcome = work.apply(before);
                write(c, before, outcome.rows());
                return outcome.value();
              }
            });
  }

  @Override
  public boolean shared() {
    Boolean known = shared;
    if (known == null) {
      try (Connection c = database.getConnection()) {
        known = c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot reach the database", e);
      }
      shared = known;
    }
    return known;
  }

  private static PoolRows read(Connection c) throws SQLException {
    List<ClusterRecord> clusters = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement("select " + CLUSTER_COLUMNS + " from kind_cluster order by seq");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        clusters.add(
            new ClusterRecord(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                instant(r, 7),
                instant(r, 8),
                instant(r, 9),
                instant(r, 10),
                r.getString(11),
                r.getString(12)));
      }
    }
    List<TicketRecord> tickets = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "select id, owner, environment, reservation, served_lease from kind_ticket"
                    + " order by queue_order");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        tickets.add(
            new TicketRecord(
                r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
      }
    }
    List<ReservationRecord> reservations = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "select holder, environment, wanted from kind_reservation"
                    + " order by holder, environment");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        reservations.add(new ReservationRecord(r.getString(1), r.getString(2), r.getInt(3)));
      }
    }
    return new PoolRows(clusters, tickets, reservations);
  }

  private static void write(Connection c, PoolRows before, PoolRows after) throws SQLException {
    Map<String, ClusterRecord> old = new LinkedHashMap<>();
    before.clusters().forEach(r -> old.put(r.id(), r));
    for (ClusterRecord r : after.clusters()) {
      ClusterRecord was = old.remove(r.id());
      if (was == null || !was.equals(r)) {
        save(c, r, was == null);
      }
    }
    for (String gone : old.keySet()) {
      delete(c, "delete from kind_cluster where id = ?", gone);
    }
    if (!before.tickets().equals(after.tickets())) {
      // The queue is short (its capacity is a setting): rewriting it keeps positions simple.
      try (PreparedStatement s = c.prepareStatement("delete from kind_ticket")) {
        s.executeUpdate();
      }
      int order = 0;
      for (TicketRecord t : after.tickets()) {
        try (PreparedStatement s =
            c.prepareStatement(
                "insert into kind_ticket (id, queue_order, owner, environment, reservation,"
                    + " served_lease) values (?, ?, ?, ?, ?, ?)")) {
          s.setString(1, t.id());
          s.setInt(2, order++);
          s.setString(3, t.owner());
          s.setString(4, t.environment());
          s.setString(5, t.reservation());
          s.setString(6, t.servedLease());
          s.executeUpdate();
        }
      }
    }
    if (!before.reservations().equals(after.reservations())) {
      try (PreparedStatement s = c.prepareStatement("delete from kind_reservation")) {
        s.executeUpdate();
      }
      for (ReservationRecord r : after.reservations()) {
        try (PreparedStatement s =
            c.prepareStatement(
                "insert into kind_reservation (holder, environment, wanted) values (?, ?, ?)")) {
          s.setString(1, r.holder());
          s.setString(2, r.environment());
          s.setInt(3, r.wanted());
          s.executeUpdate();
        }
      }
    }
  }

  /** Inserts a new cluster's row, or updates one (its id, environment and birth never change). */
  private static void save(Connection c, ClusterRecord r, boolean isNew) throws SQLException {
    String sql =
        isNew
            ? "insert into kind_cluster (state, reserved_for, owner, kubeconfig, granted_at,"
                + " expires_at, last_activity, error, failed_step, id, environment, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            : "update kind_cluster set state = ?, reserved_for = ?, owner = ?, kubeconfig = ?,"
                + " granted_at = ?, expires_at = ?, last_activity = ?, error = ?,"
                + " failed_step = ? where id = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, r);
      s.setString(10, r.id());
      if (isNew) {
        s.setString(11, r.environment());
        s.setObject(12, offset(r.createdAt()));
      }
      s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, ClusterRecord r) throws SQLException {
    s.setString(1, r.state());
    s.setString(2, r.reservedFor());
    s.setString(3, r.owner());
    s.setString(4, r.kubeconfig());
    setInstant(s, 5, r.grantedAt());
    setInstant(s, 6, r.expiresAt());
    setInstant(s, 7, r.lastActivity());
    s.setString(8, r.error());
    s.setString(9, r.failedStep());
  }

  private static void delete(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      s.executeUpdate();
    }
  }

  private static void setInstant(PreparedStatement s, int index, Instant value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, offset(value));
    }
  }

  private static OffsetDateTime offset(Instant value) {
    return OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}

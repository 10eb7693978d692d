package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V2 builds the sandbox tables on the embedded H2 database too, and its SQL works there. */
class SandboxMigrationsOnH2Test {

  /** A new H2 database with every migration applied; its JDBC URL. */
  static String migratedH2() {
    String url =
        "jdbc:h2:file:./target/h2-sandbox-migrations/"
            + System.nanoTime()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("filesystem:src/main/resources/db/migration")
        .load()
        .migrate();
    return url;
  }

  @Test
  void sandboxTablesWorkOnH2() throws Exception {
    String url = migratedH2();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      // accounts are not this test's subject
      s.execute("SET REFERENTIAL_INTEGRITY FALSE");
      try (var insert =
          c.prepareStatement(
              "INSERT INTO sandbox_session (id, account_id, lab_id, environment, backend, phase, step, percent,"
                  + " token_hash, token_salt, resource_version, created_at, expires_at)"
                  + " VALUES (?, 1, 'lab', 'bookinfo', ?, ?, 'Ready', 100, 'h', 'salt', 1, ?, ?)")) {
        insert.setString(1, "s1");
        insert.setString(2, "embedded");
        insert.setString(3, "READY");
        insert.setObject(4, java.time.OffsetDateTime.now());
        insert.setObject(5, java.time.OffsetDateTime.now());
        insert.executeUpdate();
      }
      s.execute(
          "INSERT INTO sandbox_object (sandbox_id, api_group, resource, namespace, name, uid, resource_version, body)"
              + " VALUES ('s1', '', 'namespaces', '', 'default', 'u', 1, '{}')");
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO sandbox_object (sandbox_id, api_group, resource, namespace, name, uid, resource_version, body)"
                          + " VALUES ('s1', '', 'namespaces', '', 'default', 'u2', 2, '{}')"))
          .isInstanceOf(SQLException.class);
      s.execute(
          "INSERT INTO service_secret (name, secret) VALUES ('k', 'one') ON CONFLICT DO NOTHING");
      s.execute(
          "INSERT INTO service_secret (name, secret) VALUES ('k', 'two') ON CONFLICT DO NOTHING");
      var rs = s.executeQuery("SELECT secret FROM service_secret WHERE name = 'k'");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("one");
    }
  }

  @Test
  void workshopWarmPoolsKeepTheirShareAndStateWithinBounds() throws Exception {
    String url = migratedH2();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO workshop_warm_pool (workshop_id, share, state, wanted, ready, starting,"
              + " host_limit) VALUES (1, 0.25, 'reserving', 10, 7, 3, 12)");
      s.execute(
          "INSERT INTO workshop_warm_pool (workshop_id, state, wanted, ready, starting, host_limit)"
              + " VALUES (2, 'not-needed', 0, 0, 0, 0)");
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO workshop_warm_pool (workshop_id, share, state, wanted, ready,"
                          + " starting, host_limit) VALUES (3, 1.5, 'reserving', 0, 0, 0, 0)"))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO workshop_warm_pool (workshop_id, state, wanted, ready, starting,"
                          + " host_limit) VALUES (4, 'warm', 0, 0, 0, 0)"))
          .isInstanceOf(SQLException.class);
      var rs = s.executeQuery("SELECT share FROM workshop_warm_pool ORDER BY workshop_id");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDouble(1)).isEqualTo(0.25);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1)).isNull();
    }
  }
}

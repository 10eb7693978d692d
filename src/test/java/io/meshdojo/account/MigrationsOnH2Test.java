package io.meshdojo.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The suite runs on PostgreSQL; this proves the same migrations also build the embedded H2 database
 * the default jar uses, with the URL options application.properties sets.
 */
class MigrationsOnH2Test {

  @Test
  void theMigrationsRunOnH2InPostgresMode() throws Exception {
    String url =
        "jdbc:h2:mem:migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    var result =
        Flyway.configure()
            .dataSource(url, "sa", "")
            .locations("filesystem:src/main/resources/db/migration")
            .load()
            .migrate();
    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isGreaterThan(0);
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet tables =
            c.createStatement()
                .executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public'")) {
      java.util.List<String> names = new java.util.ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      assertThat(names).contains("account", "lesson_progress");
    }
  }
}

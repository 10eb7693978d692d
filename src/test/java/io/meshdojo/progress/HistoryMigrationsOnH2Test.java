package io.meshdojo.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The history tables also build on the embedded H2 database of the default jar, and the record-once
 * inserts the repositories use (ON CONFLICT DO NOTHING) behave there as on PostgreSQL.
 */
class HistoryMigrationsOnH2Test {

  private static final String URL =
      "jdbc:h2:mem:history;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  @Test
  void theHistoryTablesBuildOnH2AndARevealIsRecordedOnce() throws Exception {
    // MigrationsOnH2Test runs them through Flyway. Here one session runs them and stays open:
    // H2 binds CHECK ... IN constraints to the session that created them, and Flyway's own
    // connections close after the migration ("The database has been closed" on the next insert).
    try (Connection c = DriverManager.getConnection(URL, "sa", "");
        Statement s = c.createStatement()) {
      for (Path migration : migrations()) {
        s.execute(Files.readString(migration));
      }
      s.execute(
          "INSERT INTO account (username, password_hash, role, created_at)"
              + " VALUES ('h2learner', 'x', 'learner', CURRENT_TIMESTAMP)");
      long account = single(s, "SELECT id FROM account WHERE username = 'h2learner'");
      try (PreparedStatement reveal =
          c.prepareStatement(
              "INSERT INTO hint_reveal (account_id, lab_id, hint_index, revealed_at)"
                  + " VALUES (?, 'request-routing', 0, ?) ON CONFLICT DO NOTHING")) {
        reveal.setLong(1, account);
        reveal.setObject(2, OffsetDateTime.now());
        assertThat(reveal.executeUpdate()).isEqualTo(1);
        assertThat(reveal.executeUpdate()).isZero();
      }
      s.execute(
          "INSERT INTO lab_check (account_id, lab_id, session_id, checked_at, score, max_score,"
              + " passed, after_solution) VALUES ("
              + account
              + ", 'request-routing', 's1', CURRENT_TIMESTAMP, 4, 10, FALSE, FALSE)");
      long check = single(s, "SELECT id FROM lab_check");
      s.execute(
          "INSERT INTO lab_check_objective (check_id, position, objective_id, passed, points)"
              + " VALUES ("
              + check
              + ", 0, 'jason-reaches-v2', TRUE, 4)");
      // Removing an account removes its history with it.
      s.execute("DELETE FROM account WHERE id = " + account);
      assertThat(single(s, "SELECT COUNT(*) FROM lab_check_objective")).isZero();
      assertThat(single(s, "SELECT COUNT(*) FROM hint_reveal")).isZero();
    }
  }

  private static List<Path> migrations() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      return files
          .sorted(
              Comparator.comparing(
                  p ->
                      Integer.parseInt(
                          p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
          .toList();
    }
  }

  private static long single(Statement s, String query) throws Exception {
    try (ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

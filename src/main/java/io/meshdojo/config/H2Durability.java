package io.meshdojo.config;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a commit on the embedded H2 database reach the database file before the commit returns. H2
 * otherwise writes committed changes in the background up to half a second later (its default
 * {@code WRITE_DELAY} of 500 ms), so a crash lost writes kubectl had been told succeeded and the
 * sandbox handed their resourceVersions out again. Set on every new connection rather than in the
 * JDBC URL, so an operator's own URL cannot leave it out, and because H2 forgets the setting
 * whenever it closes and reopens the file. Survives the process being killed; a power cut may still
 * lose what the operating system had not written to disk. PostgreSQL's commits are durable on their
 * own.
 */
@ApplicationScoped
@Unremovable
public class H2Durability implements AgroalPoolInterceptor {

  @Override
  public void onConnectionCreate(Connection connection) {
    try {
      if (connection.getMetaData().getDatabaseProductName().equals("H2")) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET WRITE_DELAY 0");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make commits on H2 durable (SET WRITE_DELAY 0)", e);
    }
  }
}

package io.meshdojo.fleet;

import io.meshdojo.web.LocalTls;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sign-in cookies are encrypted with {@code quarkus.http.auth.session.encryption-key}: a cookie
 * issued by one replica is read by another only if both have the same key. Without the setting,
 * {@code MeshDojoMain} makes a key of this replica's own, which suits one process on H2 but signs
 * learners out whenever a fleet's load balancer sends them to another replica. On PostgreSQL, where
 * a fleet is possible, a start with that key of its own says so.
 */
@ApplicationScoped
public class SharedSessionKey {

  private static final Logger LOG = Logger.getLogger(SharedSessionKey.class);

  private final FleetBus fleet;
  private final Optional<String> key;
  private final Path keyFile;

  public SharedSessionKey(
      FleetBus fleet,
      @ConfigProperty(name = LocalTls.SESSION_KEY_PROPERTY) Optional<String> key,
      @ConfigProperty(name = LocalTls.DIR_PROPERTY) String tlsDir) {
    this.fleet = fleet;
    this.key = key;
    this.keyFile = Path.of(tlsDir).resolve(LocalTls.SESSION_KEY);
  }

  void check(@Observes StartupEvent start) {
    if (fleet.shared() && key.isPresent() && madeByThisReplica(key.get(), keyFile)) {
      LOG.warnf(
          "Sign-in cookies are encrypted with a key this replica made (%s): a second replica on"
              + " this database will not accept them unless it reads the same file. Give every"
              + " replica the same key in QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY (README,"
              + " \"Running several replicas\").",
          keyFile);
    }
  }

  /** Whether the key in use is the one MeshDojoMain keeps in {@code file}, beside the TLS pair. */
  static boolean madeByThisReplica(String key, Path file) {
    try {
      return Files.isRegularFile(file)
          && Files.readString(file, StandardCharsets.US_ASCII).strip().equals(key);
    } catch (IOException e) {
      return false;
    }
  }
}

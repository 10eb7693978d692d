package io.meshdojo;

import io.meshdojo.web.LocalTls;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Starts the service. Before Quarkus reads its configuration, it makes sure the embedded default
 * has a TLS key pair: learners' kubectl sends sandbox tokens only over HTTPS, so even a laptop run
 * serves HTTPS (port 8443) with a certificate of its own. Unless an operator set one, it also
 * supplies the sign-in cookies' encryption key, kept beside that key pair.
 */
@QuarkusMain
public class MeshDojoMain {

  public static void main(String... args) {
    String dir = System.getenv().getOrDefault("MESHDOJO_TLS_DIR", LocalTls.DEFAULT_DIR);
    Path secrets = Path.of(System.getProperty(LocalTls.DIR_PROPERTY, dir));
    LocalTls.ensure(secrets);
    if (System.getenv("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY") == null
        && System.getProperty(LocalTls.SESSION_KEY_PROPERTY) == null) {
      System.setProperty(LocalTls.SESSION_KEY_PROPERTY, LocalTls.sessionKey(secrets));
    }
    Quarkus.run(args);
  }
}

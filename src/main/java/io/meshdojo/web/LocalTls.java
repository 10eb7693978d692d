package io.meshdojo.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost, made once per installation with the JDK's keytool and
 * kept as PEM files beside the embedded database, so the service can serve HTTPS without setup.
 * Operators with a certificate of their own point {@code quarkus.http.ssl.certificate.*} at it.
 */
public final class LocalTls {

  public static final String DIR_PROPERTY = "meshdojo.tls.dir";
  public static final String DEFAULT_DIR = "data/tls";
  public static final String CERTIFICATE = "localhost-cert.pem";
  public static final String KEY = "localhost-key.pem";
  public static final String SESSION_KEY = "session-encryption-key";
  public static final String SESSION_KEY_PROPERTY = "quarkus.http.auth.session.encryption-key";

  private LocalTls() {}

  /** Creates the key pair in {@code dir} unless both files are already there. */
  public static void ensure(Path dir) {
    Path cert = dir.resolve(CERTIFICATE);
    Path key = dir.resolve(KEY);
    if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path store = Files.createTempFile(dir, "localhost", ".p12");
      Files.delete(store);
      char[] password = HexFormat.of().formatHex(randomBytes()).toCharArray();
      keytool(store, password);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, password);
      }
      Key privateKey = keys.getKey("localhost", password);
      Certificate certificate = keys.getCertificate("localhost");
      Files.delete(store);
      writeAtomically(key, pem("PRIVATE KEY", privateKey.getEncoded()), true);
      writeAtomically(cert, pem("CERTIFICATE", certificate.getEncoded()), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the local TLS key pair in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the local TLS key pair", e);
    }
  }

  /**
   * The key that encrypts sign-in cookies, kept in {@code dir} (made on first call), so sign-ins
   * survive a restart and Quarkus never makes (and logs) a temporary one.
   */
  public static String sessionKey(Path dir) {
    Path file = dir.resolve(SESSION_KEY);
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(dir);
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        writeAtomically(file, Base64.getEncoder().encodeToString(bytes), true);
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the session encryption key in " + dir, e);
    }
  }

  private static void keytool(Path store, char[] password) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    String pass = new String(password);
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-keystore",
                    store.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    pass,
                    "-keypass",
                    pass,
                    "-alias",
                    "localhost",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "825"))
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void writeAtomically(Path target, String text, boolean secret) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    if (secret) {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the data folder's own permissions apply
      }
    }
    Files.writeString(temp, text, StandardCharsets.US_ASCII);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}

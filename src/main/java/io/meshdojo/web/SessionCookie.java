package io.meshdojo.web;

import io.vertx.core.http.HttpServerRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cookie in which Quarkus form authentication keeps a signed-in session: AES-GCM under a key
 * derived (SHA-256) from {@code quarkus.http.auth.session.encryption-key}, holding "the moment the
 * session goes idle-expired:username". Quarkus keeps no server-side state for it, so {@link
 * SignedOutSessions} reads when a cookie was issued to refuse those issued before a sign-out.
 */
public final class SessionCookie {

  public static final String NAME = "quarkus-credential";

  /** What a cookie says: whose session it is and when it was issued. */
  public record Contents(String username, Instant issuedAt) {}

  private final SecretKey key;
  private final Duration timeout;

  public SessionCookie(String encryptionKey, Duration timeout) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(encryptionKey.getBytes(StandardCharsets.UTF_8));
      this.key = new SecretKeySpec(digest, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    this.timeout = timeout;
  }

  /** The session cookie of a request, if it carries one this service issued. */
  public Optional<Contents> read(HttpServerRequest request) {
    var cookie = request.getCookie(NAME);
    return cookie == null ? Optional.empty() : read(cookie.getValue());
  }

  Optional<Contents> read(String value) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(value));
      byte[] iv = new byte[bytes.get()];
      bytes.get(iv);
      byte[] sealed = new byte[bytes.remaining()];
      bytes.get(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
      String plain = new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      long idleExpiry = Long.parseLong(plain.substring(0, colon));
      return Optional.of(
          new Contents(
              plain.substring(colon + 1), Instant.ofEpochMilli(idleExpiry).minus(timeout)));
    } catch (GeneralSecurityException | RuntimeException e) {
      // not one of ours (or a key from another run): Quarkus treats it as no session at all
      return Optional.empty();
    }
  }
}

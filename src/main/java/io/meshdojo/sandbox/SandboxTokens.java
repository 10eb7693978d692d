package io.meshdojo.sandbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kubeconfig tokens. A token is derived (HMAC-SHA256) from a service key kept in the database and a
 * random salt per session, so the same kubeconfig can be handed out again while only the token's
 * SHA-256 hash is stored.
 */
@ApplicationScoped
public class SandboxTokens {

  private static final String KEY_NAME = "sandbox-token-key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EntityManager em;
  private volatile byte[] key;

  public SandboxTokens(EntityManager em) {
    this.em = em;
  }

  public static String newSalt() {
    byte[] salt = new byte[24];
    RANDOM.nextBytes(salt);
    return HexFormat.of().formatHex(salt);
  }

  public String token(String sessionId, String salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      byte[] raw = mac.doFinal((sessionId + ":" + salt).getBytes(StandardCharsets.UTF_8));
      return "mdj_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          key = QuarkusTransaction.requiringNew().call(this::loadOrCreateKey);
        }
        k = key;
      }
    }
    return k;
  }

  private byte[] loadOrCreateKey() {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    em.createNativeQuery(
            "INSERT INTO service_secret (name, secret) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
        .setParameter(1, KEY_NAME)
        .setParameter(2, HexFormat.of().formatHex(fresh))
        .executeUpdate();
    @SuppressWarnings("unchecked")
    List<String> stored =
        em.createNativeQuery("SELECT secret FROM service_secret WHERE name = ?1")
            .setParameter(1, KEY_NAME)
            .getResultList();
    return HexFormat.of().parseHex(stored.get(0));
  }
}

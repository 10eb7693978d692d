package io.meshdojo.grader.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bearer token a probe sends in {@code Authorization: Bearer …}: none, one that fails
 * verification (bad signature, expired…), or a well-signed one with its issuer, subject and claims.
 * A valid token is taken to be signed by the keys its issuer publishes: the grader checks which
 * rules accept the issuer, not signatures.
 */
public record JwtToken(
    State state, String issuer, String subject, Map<String, List<String>> claims) {

  /** How the token fares before any rule is asked. */
  public enum State {
    NONE,
    INVALID,
    VALID
  }

  public static final JwtToken NONE = new JwtToken(State.NONE, null, null, Map.of());
  public static final JwtToken INVALID = new JwtToken(State.INVALID, null, null, Map.of());

  public JwtToken {
    claims = claims == null ? Map.of() : Map.copyOf(claims);
    // Istio's demo tokens carry the same value in iss and sub.
    subject = subject == null ? issuer : subject;
  }

  /** A valid token of this issuer with these claims. */
  public static JwtToken valid(String issuer, String subject, Map<String, List<String>> claims) {
    return new JwtToken(State.VALID, issuer, subject, claims);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest token read; real ones are a few hundred bytes. */
  private static final int MAX_TOKEN = 8192;

  /**
   * What a client's bearer token is to the model: NONE without one, INVALID when it is no JWT
   * (three base64url parts with a JSON payload naming its issuer) or has expired, else VALID with
   * its claims. Signatures are not checked, as everywhere in the model.
   */
  public static JwtToken fromBearer(String token) {
    if (token == null || token.isBlank()) {
      return NONE;
    }
    String[] parts = token.strip().split("\\.", -1);
    if (token.length() > MAX_TOKEN || parts.length != 3) {
      return INVALID;
    }
    try {
      var payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      String issuer = payload.path("iss").asText(null);
      long exp = payload.path("exp").asLong(Long.MAX_VALUE);
      if (issuer == null || exp * 1000 < System.currentTimeMillis()) {
        return INVALID;
      }
      Map<String, List<String>> claims = new LinkedHashMap<>();
      payload
          .fields()
          .forEachRemaining(
              e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                  e.getValue().forEach(v -> values.add(v.asText()));
                } else {
                  values.add(e.getValue().asText());
                }
                claims.put(e.getKey(), values);
              });
      return valid(issuer, payload.path("sub").asText(null), claims);
    } catch (IllegalArgumentException | IOException e) {
      return INVALID;
    }
  }

  /** {@code iss/sub}, what AuthorizationPolicy's requestPrincipals match. */
  public String principal() {
    return issuer + "/" + subject;
  }
}

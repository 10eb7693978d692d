package io.meshdojo.grader.mesh;

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

  /** {@code iss/sub}, what AuthorizationPolicy's requestPrincipals match. */
  public String principal() {
    return issuer + "/" + subject;
  }
}

package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RequestAuthentication as a workload's proxy applies it: the JWT rules of every policy that
 * selects the workload (its namespace, and the root namespace mesh-wide) are asked about the token
 * in {@code Authorization: Bearer}. A token that fails verification, or whose issuer or audience no
 * rule accepts, is refused with 401; a request without a token passes unauthenticated (only an
 * AuthorizationPolicy can then require one). Signatures are not checked: a probe's valid token is
 * taken to be signed by the keys its issuer publishes.
 */
public final class JwtAuthentication {

  /**
   * What the proxy made of the token. {@code refusal}: why it answers 401 (null: it does not);
   * {@code identity}: the authenticated token (NONE when unauthenticated); {@code forwarded}: the
   * token the next hop receives (Istio removes a verified token unless forwardOriginalToken).
   */
  public record Result(String refusal, JwtToken identity, JwtToken forwarded) {}

  private static final Result NO_TOKEN = new Result(null, JwtToken.NONE, JwtToken.NONE);

  private final Mesh mesh;

  public JwtAuthentication(Mesh mesh) {
    this.mesh = mesh;
  }

  /** The JWT rules that apply to a workload, each with its policy. */
  private List<Map.Entry<Resource, Map<?, ?>>> rules(Workload w) {
    List<Map.Entry<Resource, Map<?, ?>>> out = new ArrayList<>();
    for (Resource r : mesh.of("RequestAuthentication")) {
      Map<?, ?> spec = RawFields.map(r.raw(), "spec");
      boolean scoped =
          r.namespace().equals(w.namespace()) || r.namespace().equals(Mesh.ROOT_NAMESPACE);
      // targetRefs bind to waypoints and Kubernetes Gateways, which the model has not.
      if (!scoped || !RawFields.list(spec, "targetRefs").isEmpty()) {
        continue;
      }
      if (!w.matches(RawFields.matchLabels(spec))) {
        continue;
      }
      for (Object rule : RawFields.list(spec, "jwtRules")) {
        if (rule instanceof Map<?, ?> m) {
          out.add(Map.entry(r, m));
        }
      }
    }
    return out;
  }

  /** How {@code w}'s proxy treats {@code token}. */
  public Result authenticate(Workload w, JwtToken token) {
    if (token.state() == JwtToken.State.NONE) {
      return NO_TOKEN; // nothing to verify: no rule is asked, the request stays unauthenticated
    }
    List<Map.Entry<Resource, Map<?, ?>>> rules = rules(w);
    List<Map.Entry<Resource, Map<?, ?>>> reading =
        rules.stream().filter(e -> readsAuthorizationHeader(e.getValue())).toList();
    if (reading.isEmpty() || token.state() == JwtToken.State.NONE) {
      return new Result(null, JwtToken.NONE, token);
    }
    if (token.state() == JwtToken.State.INVALID) {
      return new Result(
          "the token fails verification (" + reading.get(0).getKey().ref() + ")",
          JwtToken.NONE,
          token);
    }
    for (var e : reading) {
      Map<?, ?> rule = e.getValue();
      if (!token.issuer().equals(RawFields.text(rule, "issuer"))) {
        continue;
      }
      List<?> audiences = RawFields.list(rule, "audiences");
      List<String> aud = token.claims().getOrDefault("aud", List.of());
      if (!audiences.isEmpty() && audiences.stream().noneMatch(aud::contains)) {
        return new Result(
            "audience " + aud + " is not allowed by " + e.getKey().ref(), JwtToken.NONE, token);
      }
      boolean keep = Boolean.TRUE.equals(rule.get("forwardOriginalToken"));
      return new Result(null, token, keep ? token : JwtToken.NONE);
    }
    return new Result(
        "no RequestAuthentication rule accepts issuer " + token.issuer(), JwtToken.NONE, token);
  }

  /** Without fromHeaders a rule reads {@code Authorization: Bearer}, where probes send tokens. */
  private static boolean readsAuthorizationHeader(Map<?, ?> rule) {
    List<?> headers = RawFields.list(rule, "fromHeaders");
    if (headers.isEmpty()) {
      return RawFields.list(rule, "fromParams").isEmpty()
          && RawFields.list(rule, "fromCookies").isEmpty();
    }
    for (Object h : headers) {
      String name = RawFields.text(h, "name");
      String prefix = RawFields.text(h, "prefix");
      if (name != null
          && name.toLowerCase(Locale.ROOT).equals("authorization")
          && (prefix == null || "Bearer ".equals(prefix))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Values of a {@code request.auth.*} condition key for an authenticated token: {@code principal},
   * {@code audiences}, {@code presenter}, {@code claims[name]} (a list claim gives every element).
   */
  public static List<String> values(String key, JwtToken identity) {
    if (identity.state() != JwtToken.State.VALID) {
      return List.of();
    }
    if (key.equals("request.auth.principal")) {
      return List.of(identity.principal());
    }
    if (key.equals("request.auth.audiences")) {
      return identity.claims().getOrDefault("aud", List.of());
    }
    if (key.equals("request.auth.presenter")) {
      return identity.claims().getOrDefault("azp", List.of());
    }
    if (key.startsWith("request.auth.claims[") && key.endsWith("]")) {
      String claim = key.substring("request.auth.claims[".length(), key.length() - 1);
      if (claim.equals("iss")) {
        return List.of(identity.issuer());
      }
      if (claim.equals("sub")) {
        return List.of(identity.subject());
      }
      return identity.claims().getOrDefault(claim, List.of());
    }
    return List.of();
  }

  /** AuthorizationPolicy source {@code requestPrincipals} / {@code notRequestPrincipals}. */
  public static boolean principalMatches(
      List<String> requestPrincipals, List<String> notRequestPrincipals, JwtToken identity) {
    String principal = identity.state() == JwtToken.State.VALID ? identity.principal() : null;
    return Security.field(requestPrincipals, notRequestPrincipals, principal);
  }
}

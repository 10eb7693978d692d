package io.meshdojo.sandbox.dataplane;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The few files outside the cluster that the labs download from a pod: Istio's sample JWTs for the
 * jwt-auth lab. The simulated sandbox reaches no real host, so it answers with tokens of its own
 * making that carry the same claims (issuer and subject {@code testing@secure.istio.io}; the groups
 * token adds {@code groups}). Their signature is a placeholder: the mesh model checks issuers and
 * claims, never signatures, and says so in its docs.
 */
final class ExternalSamples {

  private static final Pattern JWT_SAMPLE =
      Pattern.compile("/istio/istio/[^/]+/security/tools/jwt/samples/([a-z-]+)\\.jwt");

  private static final String ISSUER = "testing@secure.istio.io";

  /** 2100-01-01: the samples do not expire within a lab. */
  private static final long EXPIRES = 4_102_444_800L;

  private ExternalSamples() {}

  /** An answer from outside: status, body and the Location of a redirect (or null). */
  record Reply(int status, String body, String location) {}

  /** What {@code host} answers, when the simulation knows it; else the model's plain 200. */
  static Optional<Reply> reply(String host, boolean https, String path) {
    if (!https && host.equalsIgnoreCase("edition.cnn.com")) {
      return Optional.of(new Reply(301, "", "https://edition.cnn.com" + path));
    }
    return body(host, path).map(b -> new Reply(200, b, null));
  }

  /** The body {@code host} serves at {@code path}, when the simulation knows the file. */
  static Optional<String> body(String host, String path) {
    if (!host.equalsIgnoreCase("raw.githubusercontent.com")) {
      return Optional.empty();
    }
    var m = JWT_SAMPLE.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    return switch (m.group(1)) {
      case "demo" -> Optional.of(token("") + "\n");
      case "groups-scope" ->
          Optional.of(
              token(",\"groups\":[\"group1\",\"group2\"],\"scope\":[\"scope1\",\"scope2\"]")
                  + "\n");
      default -> Optional.empty();
    };
  }

  private static String token(String moreClaims) {
    String header = "{\"alg\":\"RS256\",\"kid\":\"meshdojo-simulated\",\"typ\":\"JWT\"}";
    String payload =
        "{\"exp\":"
            + EXPIRES
            + ",\"iat\":1700000000,\"iss\":\""
            + ISSUER
            + "\",\"sub\":\""
            + ISSUER
            + "\""
            + moreClaims
            + "}";
    return base64(header) + "." + base64(payload) + "." + base64("meshdojo simulated signature");
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

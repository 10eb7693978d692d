package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.JwtToken;
import io.meshdojo.grader.mesh.TlsHello;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a probe's edge fields: {@code scheme: https} with {@code sni} (default: the host it dials,
 * {@code ""} for none) and {@code clientCert: none | signed | untrusted | mesh}; {@code jwt: none |
 * invalid | {issuer, subject, claims}}.
 */
final class EdgeProbe {

  private EdgeProbe() {}

  /** The TLS hello of an https probe, or null for plain HTTP. */
  static TlsHello tls(Map<String, Object> p) {
    if (!"https".equals(p.get("scheme"))) {
      return null;
    }
    String to = String.valueOf(p.get("to"));
    String host = to.contains(":") ? to.substring(0, to.lastIndexOf(':')) : to;
    Object sni = p.containsKey("sni") ? p.get("sni") : host;
    String cert = p.get("clientCert") == null ? "none" : String.valueOf(p.get("clientCert"));
    return new TlsHello(
        sni == null || String.valueOf(sni).isEmpty() ? null : String.valueOf(sni),
        TlsHello.ClientCert.valueOf(cert.toUpperCase(Locale.ROOT)));
  }

  /** The bearer token a probe sends (none by default). */
  static JwtToken jwt(Object jwt) {
    if (jwt == null || "none".equals(jwt)) {
      return JwtToken.NONE;
    }
    if ("invalid".equals(jwt)) {
      return JwtToken.INVALID;
    }
    Map<String, Object> t = LabReader.map(jwt);
    Map<String, List<String>> claims = new LinkedHashMap<>();
    LabReader.map(t.get("claims"))
        .forEach(
            (k, v) -> {
              List<String> values = new ArrayList<>();
              if (v instanceof List<?> l) {
                l.forEach(x -> values.add(String.valueOf(x)));
              } else {
                values.add(String.valueOf(v));
              }
              claims.put(k, values);
            });
    return JwtToken.valid(
        String.valueOf(t.get("issuer")),
        t.get("subject") == null ? null : String.valueOf(t.get("subject")),
        claims);
  }
}

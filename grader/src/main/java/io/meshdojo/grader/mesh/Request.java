package io.meshdojo.grader.mesh;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a probe describes it. {@code from} is a workload id ({@code ns/name}); {@code
 * host} is what the client dials (a short name resolves in the client's namespace, as DNS does);
 * {@code gatewayPort} is set when the request enters through a gateway listener instead. Header
 * names are case-insensitive and kept lower-case; values are case-sensitive. {@code tls} is set
 * when the client speaks HTTPS to a gateway listener (null: plain HTTP); {@code jwt} is the bearer
 * token it sends.
 */
public record Request(
    String from,
    String host,
    int port,
    String method,
    String path,
    Map<String, String> headers,
    Integer gatewayPort,
    TlsHello tls,
    JwtToken jwt) {

  public Request {
    method = method == null ? "GET" : method;
    path = path == null ? "/" : path;
    Map<String, String> lower = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    }
    headers = Map.copyOf(lower);
    jwt = jwt == null ? JwtToken.NONE : jwt;
  }

  /** A plain HTTP request without a token. */
  public Request(
      String from,
      String host,
      int port,
      String method,
      String path,
      Map<String, String> headers,
      Integer gatewayPort) {
    this(from, host, port, method, path, headers, gatewayPort, null, null);
  }

  public static Request get(String from, String host, int port) {
    return new Request(from, host, port, "GET", "/", Map.of(), null);
  }

  public Request withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Request(from, host, port, method, path, h, gatewayPort, tls, jwt);
  }

  public Request withMethod(String m) {
    return new Request(from, host, port, m, path, headers, gatewayPort, tls, jwt);
  }

  public Request withPath(String p) {
    return new Request(from, host, port, method, p, headers, gatewayPort, tls, jwt);
  }

  /**
   * The same request carrying another token (a gateway strips a verified one before forwarding).
   */
  public Request withJwt(JwtToken token) {
    return new Request(from, host, port, method, path, headers, gatewayPort, tls, token);
  }

  /** The path without its query string (what uri matches see). */
  public String uri() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /** Query parameters (first value wins). */
  public Map<String, String> query() {
    Map<String, String> params = new LinkedHashMap<>();
    int q = path.indexOf('?');
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        params.putIfAbsent(
            eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return params;
  }

  /** Short description for messages, e.g. "GET reviews:9080/ with end-user=jason". */
  public String describe() {
    StringBuilder sb =
        new StringBuilder(method).append(' ').append(host).append(':').append(port).append(path);
    if (!headers.isEmpty()) {
      sb.append(" [");
      headers.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
      sb.setLength(sb.length() - 1);
      sb.append(']');
    }
    return sb.toString();
  }
}

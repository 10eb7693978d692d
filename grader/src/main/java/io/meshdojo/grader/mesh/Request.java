package io.meshdojo.grader.mesh;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a probe describes it. {@code from} is a workload id ({@code ns/name}); {@code
 * host} is what the client dials (a short name resolves in the client's namespace, as DNS does);
 * {@code gatewayPort} is set when the request enters through a gateway listener instead. Header
 * names are case-insensitive and kept lower-case; values are case-sensitive.
 */
public record Request(
    String from,
    String host,
    int port,
    String method,
    String path,
    Map<String, String> headers,
    Integer gatewayPort) {

  public Request {
    method = method == null ? "GET" : method;
    path = path == null ? "/" : path;
    Map<String, String> lower = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    }
    headers = Map.copyOf(lower);
  }

  public static Request get(String from, String host, int port) {
    return new Request(from, host, port, "GET", "/", Map.of(), null);
  }

  public Request withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Request(from, host, port, method, path, h, gatewayPort);
  }

  public Request withMethod(String m) {
    return new Request(from, host, port, m, path, headers, gatewayPort);
  }

  public Request withPath(String p) {
    return new Request(from, host, port, method, p, headers, gatewayPort);
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

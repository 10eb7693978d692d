package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.JwtToken;
import io.meshdojo.grader.mesh.Request;
import io.meshdojo.grader.mesh.TlsHello;
import io.meshdojo.grader.mesh.Traffic;
import java.util.Map;

/**
 * One probe request of a behaviour objective. {@code protocol} is http (default) or dubbo; dubbo
 * probes carry {@code attributes} (method, interface) instead of method/path/headers. {@code tls}
 * is set for {@code scheme: https} (SNI and client certificate); {@code jwt} is the bearer token;
 * {@code traffic} holds the conditions the requests meet (TLS, concurrency, upstream behaviour).
 */
public record Probe(
    String from,
    String host,
    int port,
    String method,
    String path,
    Map<String, String> headers,
    Integer gatewayPort,
    String protocol,
    Map<String, String> attributes,
    int repeat,
    TlsHello tls,
    JwtToken jwt,
    Traffic traffic) {

  public Request request() {
    return new Request(from, host, port, method, path, headers, gatewayPort, tls, jwt);
  }

  public boolean dubbo() {
    return "dubbo".equals(protocol);
  }
}

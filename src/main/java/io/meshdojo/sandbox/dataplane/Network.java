package io.meshdojo.sandbox.dataplane;

import java.util.List;
import java.util.Map;

/** Where a pod's requests go: the simulated mesh answers each one. */
@FunctionalInterface
interface Network {

  /**
   * One HTTP request as curl sends it.
   *
   * @param address the IP address given with {@code --resolve}, or null to resolve {@code host}
   * @param headers in the order given, names as typed
   * @param connectHost the host {@code --connect-to} dials instead of {@code host} (which stays the
   *     Host header and the TLS server name), or null
   * @param connectPort the port {@code --connect-to} dials instead of {@code port}
   * @param clientCert whether curl presents a client certificate ({@code --cert})
   */
  record Call(
      boolean https,
      String host,
      int port,
      String address,
      String method,
      String path,
      List<Map.Entry<String, String>> headers,
      String body,
      String connectHost,
      int connectPort,
      boolean clientCert) {

    /** The host the connection goes to. */
    String dialledHost() {
      return connectHost != null ? connectHost : host;
    }

    /** The port the connection goes to. */
    int dialledPort() {
      return connectHost != null ? connectPort : port;
    }
  }

  /** What the client sees. */
  enum Result {
    /** DNS has no such name. */
    UNRESOLVED,
    /** Nothing accepts the connection. */
    REFUSED,
    /** The server speaks plaintext HTTP where curl expects TLS. */
    NOT_TLS,
    /** The TLS handshake fails: the server accepts no such name, or wants a certificate. */
    TLS_FAILED,
    /** The connection is reset before a response (an mTLS mismatch). */
    RESET,
    /** An HTTP response. */
    RESPONSE
  }

  /**
   * The exchange: a response (status, headers, body) or a connection failure, after {@code
   * latencyMs} of modelled time. {@code note} tells the learner what the model could not do.
   */
  record Exchange(
      Result result,
      int status,
      List<Map.Entry<String, String>> headers,
      String body,
      long latencyMs,
      String remoteIp,
      String note) {

    static Exchange failure(Result result, String remoteIp, String note) {
      return new Exchange(result, 0, List.of(), "", 0, remoteIp, note);
    }
  }

  Exchange send(Call call);

  /**
   * The same request as one of {@code concurrency} kept busy at once (a load generator's
   * connections), which a connection pool may refuse; the single-request answer by default.
   */
  default Exchange send(Call call, int concurrency) {
    return send(call);
  }
}

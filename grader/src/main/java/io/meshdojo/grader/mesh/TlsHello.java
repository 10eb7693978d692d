package io.meshdojo.grader.mesh;

/**
 * What a client offers when it opens TLS to a gateway listener: the server name it asks for (SNI;
 * null sends none) and the certificate it can present. Certificates are described, not made: the
 * grader decides by who signed them, never by cryptography.
 */
public record TlsHello(String sni, ClientCert cert) {

  /** The client certificate a probe presents. */
  public enum ClientCert {
    /** No client certificate. */
    NONE,
    /** One signed by the CA the gateway's credential trusts ({@code ca.crt}). */
    SIGNED,
    /** One signed by some other CA. */
    UNTRUSTED,
    /** An Istio workload certificate, as a sidecar presents (what ISTIO_MUTUAL asks for). */
    MESH
  }

  public TlsHello {
    cert = cert == null ? ClientCert.NONE : cert;
  }
}

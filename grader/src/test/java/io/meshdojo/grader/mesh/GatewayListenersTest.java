package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static io.meshdojo.grader.mesh.MeshTestSupport.summary;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayListenersTest {

  private static final String GATEWAY_POD = "istio-system/istio-ingressgateway";
  // "-----BEGIN CERTIFICATE-----\nplaceholder\n-----END CERTIFICATE-----\n" and "placeholder"
  private static final String PEM =
      "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCnBsYWNlaG9sZGVyCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K";
  private static final String KEY = "cGxhY2Vob2xkZXI=";

  private static String secret(String ns, String name, String... keys) {
    StringBuilder data = new StringBuilder();
    for (String k : keys) {
      data.append("  ").append(k).append(": ").append(k.endsWith("key") ? KEY : PEM).append('\n');
    }
    return "apiVersion: v1\nkind: Secret\nmetadata: {name: "
        + name
        + ", namespace: "
        + ns
        + "}\ndata:\n"
        + data
        + "---\n";
  }

  private static String gateway(String ns, String tls) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: %s}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["api.example.com"]
            tls: %s
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: %s}
        spec:
          hosts: ["api.example.com"]
          gateways: [gw]
          http:
          - route: [{destination: {host: productpage.bookinfo.svc.cluster.local}}]
        """
        .formatted(ns, tls, ns);
  }

  private static Request https(String sni, TlsHello.ClientCert cert) {
    return new Request(
        GATEWAY_POD,
        "api.example.com",
        443,
        "GET",
        "/",
        Map.of(),
        443,
        new TlsHello(sni, cert),
        null);
  }

  private static Map<String, Double> route(Mesh mesh, Request req) {
    return summary(new Router(mesh).route(req));
  }

  @Test
  void credentialIsReadWhereTheGatewayPodsRunWhereverTheGatewayLives() {
    String tls = "{mode: SIMPLE, credentialName: api-cred}";
    Mesh inPodNamespace =
        mesh(
            "bookinfo",
            secret("istio-system", "api-cred", "tls.crt", "tls.key") + gateway("bookinfo", tls));
    assertThat(route(inPodNamespace, https("api.example.com", TlsHello.ClientCert.NONE)))
        .isEqualTo(Map.of("productpage-v1", 1.0));
    Mesh besideTheGateway =
        mesh(
            "bookinfo",
            secret("bookinfo", "api-cred", "tls.crt", "tls.key") + gateway("bookinfo", tls));
    List<Outcome> out =
        new Router(besideTheGateway).route(https("api.example.com", TlsHello.ClientCert.NONE));
    assertThat(out)
        .singleElement()
        .extracting(Outcome::kind)
        .isEqualTo(Outcome.Kind.HANDSHAKE_FAILED);
    assertThat(out.get(0).trace())
        .anyMatch(t -> t.contains("does not exist in namespace istio-system"));
  }

  @Test
  void mutualTakesTheCaFromTheSecretOrItsCacertCompanion() {
    String tls = "{mode: MUTUAL, credentialName: api-cred}";
    Mesh withoutCa =
        mesh(
            "bookinfo",
            secret("istio-system", "api-cred", "tls.crt", "tls.key") + gateway("bookinfo", tls));
    assertThat(route(withoutCa, https("api.example.com", TlsHello.ClientCert.SIGNED)))
        .isEqualTo(Map.of("0", 1.0));
    Mesh companion =
        mesh(
            "bookinfo",
            secret("istio-system", "api-cred", "cert", "key")
                + secret("istio-system", "api-cred-cacert", "cacert")
                + gateway("istio-system", tls));
    assertThat(route(companion, https("api.example.com", TlsHello.ClientCert.SIGNED)))
        .isEqualTo(Map.of("productpage-v1", 1.0));
    assertThat(route(companion, https("api.example.com", TlsHello.ClientCert.NONE)))
        .isEqualTo(Map.of("0", 1.0));
    assertThat(route(companion, https("api.example.com", TlsHello.ClientCert.UNTRUSTED)))
        .isEqualTo(Map.of("0", 1.0));
  }

  @Test
  void optionalMutualAndIstioMutual() {
    String creds = secret("istio-system", "api-cred", "tls.crt", "tls.key", "ca.crt");
    Mesh optional =
        mesh(
            "bookinfo",
            creds + gateway("bookinfo", "{mode: OPTIONAL_MUTUAL, credentialName: api-cred}"));
    assertThat(route(optional, https("api.example.com", TlsHello.ClientCert.NONE)))
        .isEqualTo(Map.of("productpage-v1", 1.0));
    assertThat(route(optional, https("api.example.com", TlsHello.ClientCert.UNTRUSTED)))
        .isEqualTo(Map.of("0", 1.0));
    Mesh istio = mesh("bookinfo", gateway("bookinfo", "{mode: ISTIO_MUTUAL}"));
    assertThat(route(istio, https("api.example.com", TlsHello.ClientCert.SIGNED)))
        .isEqualTo(Map.of("0", 1.0));
    assertThat(route(istio, https("api.example.com", TlsHello.ClientCert.MESH)))
        .isEqualTo(Map.of("productpage-v1", 1.0));
  }

  @Test
  void sniPicksTheMostSpecificServerAndPlainHttpToATlsPortFails() {
    Mesh mesh =
        mesh(
            "bookinfo",
            secret("istio-system", "api-cred", "tls.crt", "tls.key")
                + """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: bookinfo}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 443, name: wild, protocol: HTTPS}
                    hosts: ["*.example.com"]
                    tls: {mode: PASSTHROUGH}
                  - port: {number: 443, name: api, protocol: HTTPS}
                    hosts: ["api.example.com"]
                    tls: {mode: SIMPLE, credentialName: api-cred}
                """);
    GatewayListeners listeners = new GatewayListeners(mesh);
    Workload pod = mesh.workload(GATEWAY_POD).orElseThrow();
    assertThat(listeners.handshake(pod, https("api.example.com", null)).certificate())
        .isEqualTo("istio-system/api-cred");
    assertThat(listeners.handshake(pod, https("web.example.com", null)).certificate())
        .isEqualTo(GatewayListeners.UPSTREAM);
    assertThat(listeners.handshake(pod, https(null, null)).failure()).contains("no server name");
    Request plain = new Request(GATEWAY_POD, "api.example.com", 443, "GET", "/", Map.of(), 8443);
    assertThat(new Router(mesh).route(plain))
        .singleElement()
        .extracting(Outcome::kind)
        .isEqualTo(Outcome.Kind.HANDSHAKE_FAILED);
  }
}

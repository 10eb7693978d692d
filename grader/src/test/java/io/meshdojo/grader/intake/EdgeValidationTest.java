package io.meshdojo.grader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.findings.Catalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeValidationTest {

  private static List<String> refusals(String yaml) {
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", yaml);
    List<String> out =
        r.findings().stream()
            .filter(f -> f.code().equals("MDJ0106"))
            .map(f -> Catalogue.get().render(f, "en"))
            .toList();
    if (!out.isEmpty()) {
      assertThat(r.resources()).as("a refused object stays out of the mesh").isEmpty();
    }
    return out;
  }

  private static String server(String port, String tls) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: bookinfo}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: %s
            hosts: [api.example.com]
        """
            .formatted(port)
        + (tls == null ? "" : "    tls: " + tls + "\n");
  }

  private static final String HTTPS = "{number: 443, name: https, protocol: HTTPS}";

  @Test
  void gatewayServersNeedTheTlsTheirModeAsksFor() {
    assertThat(refusals(server(HTTPS, null)))
        .containsExactly(
            "spec.servers[0].tls: server must have TLS settings for HTTPS/TLS protocols.");
    assertThat(refusals(server(HTTPS, "{mode: SIMPLE}")))
        .containsExactly(
            "spec.servers[0].tls: SIMPLE TLS requires a server certificate.",
            "spec.servers[0].tls: SIMPLE TLS requires a private key.");
    assertThat(refusals(server(HTTPS, "{mode: MUTUAL, serverCertificate: /c, privateKey: /k}")))
        .containsExactly("spec.servers[0].tls: MUTUAL TLS requires a client CA bundle.");
    assertThat(refusals(server(HTTPS, "{mode: ISTIO_MUTUAL, credentialName: api}")))
        .containsExactly(
            "spec.servers[0].tls: ISTIO_MUTUAL TLS cannot have associated credentialName.");
    assertThat(refusals(server(HTTPS, "{mode: MUTUAL, credentialName: api}"))).isEmpty();
    assertThat(refusals(server(HTTPS, "{mode: PASSTHROUGH}"))).isEmpty();
    assertThat(
            refusals(server("{number: 80, name: http, protocol: HTTP}", "{httpsRedirect: true}")))
        .isEmpty();
  }

  @Test
  void tlsRulesNeedSniHostsInsideTheVirtualServiceHosts() {
    String vs =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: nginx, namespace: web}
        spec:
          hosts: ["*.example.com"]
          gateways: [gw]
          tls:
          - match: [{sniHosts: [%s]}]
            route: [{destination: {host: my-nginx}}]
        """;
    assertThat(refusals(vs.formatted("nginx.example.com"))).isEmpty();
    assertThat(refusals(vs.formatted("nginx.example.org")))
        .containsExactly(
            "spec.tls[0].match[0].sniHosts: the SNI host \"nginx.example.org\" is not a subset of"
                + " any of the virtual service hosts.");
    assertThat(refusals(vs.replace("- match: [{sniHosts: [%s]}]", "- match: []")))
        .containsExactly("spec.tls[0].match: TLS route must have at least one match condition.");
  }

  @Test
  void jwtRulesNeedAnIssuerAndNamedLocations() {
    String ra =
        """
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: jwt, namespace: istio-system}
        spec:
          jwtRules:
          - %s
        """;
    assertThat(refusals(ra.formatted("{issuer: testing@secure.istio.io}"))).isEmpty();
    assertThat(refusals(ra.formatted("{jwksUri: \"https://example.com/jwks.json\"}")))
        .containsExactly("spec.jwtRules[0].issuer: issuer must be set.");
    assertThat(refusals(ra.formatted("{issuer: i, fromHeaders: [{prefix: \"Bearer \"}]}")))
        .containsExactly("spec.jwtRules[0].fromHeaders: location header name must be set.");
  }
}

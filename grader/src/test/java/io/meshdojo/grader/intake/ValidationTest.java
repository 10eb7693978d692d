package io.meshdojo.grader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.findings.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

  private static ResourceIntake.Result vs(String http) {
    String text =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
        """
            + http.indent(2);
    return ResourceIntake.read("t.yaml", text);
  }

  private static List<String> codes(ResourceIntake.Result r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @Test
  void aValidRuleIsAdmitted() {
    ResourceIntake.Result r =
        vs(
            """
            - timeout: 1.5s
              retries: {attempts: 3, perTryTimeout: 500ms}
              fault: {delay: {fixedDelay: 7s, percentage: {value: 100}}}
              match: [{uri: {regex: "/reviews/[0-9]+"}}]
              route:
              - destination: {host: reviews, subset: v1}
                weight: 0
              - destination: {host: reviews, subset: v3}
                weight: 20
            """);
    assertThat(r.findings()).isEmpty();
    assertThat(r.resources()).hasSize(1);
  }

  @Test
  void twoDestinationsWithTotalWeightZeroAreRefused() {
    ResourceIntake.Result r =
        vs(
            """
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 0
              - destination: {host: reviews, subset: v3}
            """);
    assertThat(codes(r)).containsExactly("MDJ0101");
    assertThat(r.resources()).isEmpty();
  }

  @Test
  void aSingleDestinationWithWeightZeroIsFine() {
    assertThat(vs("- route: [{destination: {host: reviews}, weight: 0}]\n").findings()).isEmpty();
  }

  @Test
  void routePlusRedirectIsRefused() {
    ResourceIntake.Result r =
        vs("- redirect: {uri: /x}\n  route: [{destination: {host: reviews}}]\n");
    assertThat(codes(r)).containsExactly("MDJ0102");
  }

  @Test
  void badDurationsAreRefused() {
    assertThat(codes(vs("- timeout: 7 seconds\n  route: [{destination: {host: reviews}}]\n")))
        .containsExactly("MDJ0103");
    assertThat(
            codes(
                vs(
                    "- fault: {delay: {fixedDelay: 0s, percentage: {value: 100}}}\n"
                        + "  route: [{destination: {host: reviews}}]\n")))
        .containsExactly("MDJ0103");
  }

  @Test
  void invalidOrNonRe2RegexIsRefused() {
    assertThat(
            codes(
                vs(
                    "- match: [{uri: {regex: \"/a(\"}}]\n  route: [{destination: {host: reviews}}]\n")))
        .containsExactly("MDJ0104");
    // Look-ahead is valid in java.util.regex but not in RE2.
    assertThat(
            codes(
                vs(
                    "- match: [{headers: {end-user: {regex: \"(?=j)jason\"}}}]\n"
                        + "  route: [{destination: {host: reviews}}]\n")))
        .containsExactly("MDJ0104");
  }

  @Test
  void percentageOutOfRangeIsRefused() {
    assertThat(
            codes(
                vs(
                    "- fault: {abort: {httpStatus: 500, percentage: {value: 150}}}\n"
                        + "  route: [{destination: {host: reviews}}]\n")))
        .containsExactly("MDJ0106");
  }

  @Test
  void aVirtualServiceWithoutRulesIsRefused() {
    String text =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
        """;
    assertThat(codes(ResourceIntake.read("t.yaml", text))).containsExactly("MDJ0107");
  }

  @Test
  void smartLimiterWithoutConditionIsRefused() {
    String text =
        """
        apiVersion: microservice.slime.io/v1alpha2
        kind: SmartLimiter
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          sets:
            _base:
              descriptor:
              - action: {quota: "10", fill_interval: {seconds: 1}, strategy: single}
                target: {port: 9080}
        """;
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", text);
    assertThat(codes(r)).containsExactly("MDJ0105");
    assertThat(r.resources()).isEmpty();
  }

  private static List<String> fieldsRefused(String yaml) {
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", yaml);
    assertThat(r.findings()).allMatch(f -> f.code().equals("MDJ0106"));
    return r.findings().stream().map(f -> f.args().get("field")).toList();
  }

  @Test
  void destinationsNeedTheirHostAndTcpWeightsAreNeverNegative() {
    String vs =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r, namespace: bookinfo}
        spec:
          hosts: [reviews]
          tcp:
          - route:
            - destination: {host: reviews}
              weight: W
        """;
    assertThat(fieldsRefused(vs.replace("W", "100"))).isEmpty();
    assertThat(fieldsRefused(vs.replace("W", "-1"))).containsExactly("spec.tcp[0].route[0].weight");
    assertThat(fieldsRefused(vs.replace("{host: reviews}", "{subset: v1}").replace("W", "1")))
        .containsExactly("spec.tcp[0].route[0].destination.host");
  }

  @Test
  void subsetsNeedANameAndGatewayServersAPortAndHosts() {
    assertThat(
            fieldsRefused(
                """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews, namespace: bookinfo}
                spec:
                  host: reviews
                  subsets:
                  - name: v1
                    labels: {version: v1}
                  - labels: {version: v2}
                """))
        .containsExactly("spec.subsets[1].name");
    assertThat(
            fieldsRefused(
                """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: bookinfo}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: ["*"]
                  - port: {number: 8080, name: http-alt, protocol: HTTP}
                """))
        .containsExactly("spec.servers[1].hosts");
  }

  private static ResourceIntake.Result metaRouter(String spec) {
    return ResourceIntake.read(
        "m.yaml",
        """
        apiVersion: metaprotocol.aeraki.io/v1alpha1
        kind: MetaRouter
        metadata: {name: demo, namespace: meta-dubbo}
        spec:
        """
            + spec.indent(2));
  }

  private static List<String> reasons(ResourceIntake.Result r) {
    return r.findings().stream().map(f -> f.args().get("reason")).toList();
  }

  @Test
  void aeraki4RefusesMetaRouterWeightsThatDoNotTotalExactly100() {
    String route =
        """
        hosts: [org.apache.dubbo.samples.basic.api.demoservice]
        routes:
        - name: split
          route:
          - {destination: {host: org.apache.dubbo.samples.basic.api.demoservice, subset: v1}, weight: W1}
          - {destination: {host: org.apache.dubbo.samples.basic.api.demoservice, subset: v2}, weight: W2}
        """;
    ResourceIntake.Result relative = metaRouter(route.replace("W1", "1").replace("W2", "4"));
    assertThat(codes(relative)).containsExactly("MDJ0106");
    assertThat(reasons(relative)).containsExactly("total destination weight 5 != 100");
    assertThat(relative.resources()).isEmpty();
    assertThat(codes(metaRouter(route.replace("W1", "20").replace("W2", "80")))).isEmpty();
    // A single destination needs no weight at all.
    assertThat(
            codes(
                metaRouter(
                    """
                    hosts: [org.apache.dubbo.samples.basic.api.demoservice]
                    routes: [{name: all, route: [{destination: {host: org.apache.dubbo.samples.basic.api.demoservice}}]}]
                    """)))
        .isEmpty();
  }

  @Test
  void
      aeraki4RefusesAMetaRouterWithMoreThanOneHostAndNonPositiveMirrorsAndBucketsWithoutTokensPerFill() {
    ResourceIntake.Result r =
        metaRouter(
            """
            hosts: [a.example.com, b.example.com]
            routes:
            - name: copy
              route: [{destination: {host: a.example.com}}]
              mirror: {host: a.example.com, subset: v2}
              mirrorPercentage: {value: 0}
            localRateLimit:
              tokenBucket: {maxTokens: 10, fillInterval: 1s}
            """);
    assertThat(reasons(r))
        .containsExactlyInAnyOrder(
            "meta router can only have one host",
            "mirrorPercentage must be greater than 0 and at most 100 (it has 0.0)",
            "localRateLimit tokenBucket tokensPerfFill cannot be null");
    assertThat(r.resources()).isEmpty();
  }
}

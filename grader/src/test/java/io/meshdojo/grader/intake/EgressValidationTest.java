package io.meshdojo.grader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What Istio's webhook refuses in ServiceEntries, mirrors and traffic policies, in its words. */
class EgressValidationTest {

  private static List<String> reasons(String yaml) {
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", yaml);
    assertThat(r.findings()).allMatch(f -> f.code().equals("MDJ0106"));
    return r.findings().stream().map(f -> f.args().get("reason")).toList();
  }

  private static final String ENTRY =
      """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: e, namespace: egress}
      spec:
        hosts: HOSTS
        RESOLUTION
        ports: PORTS
      """;

  private static String entry(String hosts, String resolution, String ports) {
    return ENTRY.replace("HOSTS", hosts).replace("RESOLUTION", resolution).replace("PORTS", ports);
  }

  private static final String PORT = "[{number: 80, name: http, protocol: HTTP}]";

  @Test
  void serviceEntryHostsResolutionAndPorts() {
    assertThat(reasons(entry("[api.github.com]", "resolution: DNS", PORT))).isEmpty();
    assertThat(reasons(entry("['*.github.com']", "", PORT))).isEmpty();
    assertThat(reasons(entry("[]", "", PORT)))
        .containsExactly("service entry must have at least one host");
    assertThat(reasons(entry("['*']", "", PORT))).containsExactly("invalid host *");
    assertThat(reasons(entry("['*.github.com']", "resolution: DNS", PORT)))
        .containsExactly("hosts must be FQDN if no endpoints are provided for resolution mode DNS");
    assertThat(
            reasons(
                entry(
                    "[a.example.com]",
                    "",
                    "[{number: 80, name: http, protocol: HTTP}, {number: 80, name: http, protocol: HTTP}]")))
        .containsExactly(
            "service entry port name \"http\" already defined",
            "service entry port 80 already defined");
  }

  private static final String MIRROR =
      """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: reviews, namespace: bookinfo}
      spec:
        hosts: [reviews]
        http:
        - route: [{destination: {host: reviews, subset: v1}}]
          mirror: {host: reviews, subset: v2}
          EXTRA
      """;

  @Test
  void mirrorAndMirrorsAreExclusiveAndPercentagesBounded() {
    assertThat(reasons(MIRROR.replace("EXTRA", "mirrorPercentage: {value: 100}"))).isEmpty();
    assertThat(reasons(MIRROR.replace("EXTRA", "mirrorPercentage: {value: 150}")))
        .containsExactly("mirror_percentage must have a max value of 100 (it has 150.000000)");
    assertThat(reasons(MIRROR.replace("EXTRA", "mirrors: [{destination: {host: reviews}}]")))
        .containsExactly("HTTP route cannot contain both mirror and mirrors");
  }

  @Test
  void trafficPoliciesNeedAFieldAndPercentagesInRange() {
    String dr =
        """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: httpbin, namespace: cb}
        spec:
          host: httpbin
          trafficPolicy: POLICY
        """;
    assertThat(reasons(dr.replace("POLICY", "{outlierDetection: {maxEjectionPercent: 100}}")))
        .isEmpty();
    assertThat(reasons(dr.replace("POLICY", "{}")))
        .containsExactly("traffic policy must have at least one field");
    assertThat(reasons(dr.replace("POLICY", "{connectionPool: {}}")))
        .containsExactly("connection pool must have at least one field");
    assertThat(reasons(dr.replace("POLICY", "{outlierDetection: {maxEjectionPercent: 120}}")))
        .containsExactly("percentage 120 is not in range 0..100");
  }
}

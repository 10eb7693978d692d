package io.meshdojo.grader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.slime.SmartLimiterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceIntakeTest {

  private static final String VS =
      """
      apiVersion: networking.istio.io/%s
      kind: VirtualService
      metadata: {name: reviews, namespace: bookinfo}
      spec:
        hosts: [reviews]
        http:
        - match:
          - headers:
              end-user: {exact: jason}
          route:
          - destination: {host: reviews, subset: v2}
      """;

  private static List<String> codes(ResourceIntake.Result r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @Test
  void readsEveryServedNetworkingVersionIntoTheSameTypedModel() {
    for (String version : List.of("v1alpha3", "v1beta1", "v1")) {
      ResourceIntake.Result r = ResourceIntake.read("t.yaml", VS.formatted(version));
      assertThat(r.findings()).isEmpty();
      VirtualService vs = r.resources().get(0).as(VirtualService.class);
      assertThat(
              vs.getSpec()
                  .getHttp()
                  .get(0)
                  .getMatch()
                  .get(0)
                  .getHeaders()
                  .get("end-user")
                  .getMatchType())
          .isInstanceOfSatisfying(
              StringMatchExact.class, m -> assertThat(m.getExact()).isEqualTo("jason"));
      assertThat(r.resources().get(0).namespace()).isEqualTo("bookinfo");
    }
  }

  @Test
  void refusesAVersionTheGroupDoesNotServe() {
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", VS.formatted("v2"));
    assertThat(r.resources()).isEmpty();
    assertThat(codes(r)).containsExactly("MDJ0005");
  }

  @Test
  void refusesUnknownFieldsWithTheirPath() {
    String text = VS.formatted("v1").replace("- match:", "- matches:");
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", text);
    assertThat(r.resources()).isEmpty();
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("MDJ0006");
              assertThat(f.args().get("field")).isEqualTo("spec.http[0].matches");
            });
  }

  @Test
  void refusesUnknownFieldsInTheGradersOwnModels() {
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
                conditon: "true"
        """;
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", text);
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("MDJ0006");
              assertThat(f.args().get("field")).endsWith("conditon");
            });
  }

  @Test
  void readsSlimeAndAerakiKinds() {
    String text =
        """
        apiVersion: microservice.slime.io/v1alpha2
        kind: SmartLimiter
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          sets:
            _base:
              descriptor:
              - action: {quota: "30/{{._base.pod}}", fill_interval: {seconds: 1}, strategy: average}
                condition: "true"
                target: {port: 9080}
        ---
        apiVersion: metaprotocol.aeraki.io/v1alpha1
        kind: MetaRouter
        metadata: {name: demo, namespace: meta-dubbo}
        spec:
          hosts: [org.apache.dubbo.samples.basic.api.demoservice]
          routes:
          - name: r
            match: {attributes: {method: {exact: sayHello}}}
            route:
            - destination: {host: org.apache.dubbo.samples.basic.api.demoservice, subset: v1}
              weight: 20
        """;
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", text);
    assertThat(r.findings()).isEmpty();
    assertThat(r.resources()).hasSize(2);
    CustomResource<?> limiter = r.resources().get(0).as(CustomResource.class);
    SmartLimiterSpec spec = (SmartLimiterSpec) limiter.spec();
    assertThat(spec.sets().get("_base").descriptor().get(0).action().fillInterval().millis())
        .isEqualTo(1000);
  }

  @Test
  void wrongTypesAreFindingsNotCrashes() {
    String text =
        """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: bookinfo}
        spec:
          mtls: {mode: STRICTLY}
        """;
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", text);
    assertThat(codes(r)).containsExactly("MDJ0007");
  }

  @Test
  void documentsThatAreNotObjectsAndUnknownKindsAreReported() {
    String text =
        """
        just: a map
        ---
        apiVersion: v1
        kind: LimitRange
        metadata: {name: x}
        ---
        """;
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", text);
    assertThat(codes(r)).containsExactly("MDJ0003", "MDJ0004");
  }

  @Test
  void readsJsonAndListKinds() {
    String json =
        """
        {"apiVersion":"v1","kind":"List","items":[
          {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"a","namespace":"n"}},
          {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}}]}
        """;
    ResourceIntake.Result r = ResourceIntake.read("t.json", json);
    assertThat(r.findings()).isEmpty();
    assertThat(r.resources())
        .extracting(res -> res.ref())
        .containsExactly("ServiceAccount n/a", "Namespace n");
  }

  @Test
  void nullListItemsAreRefusedAndNullFieldsDropped() {
    String text =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http: [{route: [{destination: {host: reviews}}]}, null]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: d, namespace: bookinfo}
        spec:
          host: reviews
          trafficPolicy:
        """;
    ResourceIntake.Result r = ResourceIntake.read("t.yaml", text);
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("MDJ0007");
              assertThat(f.args().get("reason")).contains("spec.http[1]");
            });
    assertThat(r.resources()).extracting(res -> res.name()).containsExactly("d");
  }

  @Test
  void istio118ServesNoV1IstioApis() {
    ResourceIntake.Result old = ResourceIntake.read("t.yaml", VS.formatted("v1"), 18);
    assertThat(codes(old)).containsExactly("MDJ0005");
    assertThat(old.findings().get(0).args().get("served")).isEqualTo("v1alpha3, v1beta1");
    assertThat(ResourceIntake.read("t.yaml", VS.formatted("v1beta1"), 18).findings()).isEmpty();
    assertThat(ResourceIntake.read("t.yaml", VS.formatted("v1"), 26).findings()).isEmpty();
  }
}

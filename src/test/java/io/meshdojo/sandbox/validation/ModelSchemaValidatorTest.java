package io.meshdojo.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSchemaValidatorTest {

  final ModelSchemaValidator validator = new ModelSchemaValidator();

  static ObjectNode yaml(String text) throws Exception {
    return (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(text);
  }

  List<String> paths(String group, String kind, String text) throws Exception {
    return validator.validate(group, "v1", kind, yaml(text)).stream()
        .map(ManifestValidator.Problem::path)
        .toList();
  }

  @Test
  void acceptsValidIstioObjectsWithOneOfFields() throws Exception {
    assertThat(
            paths(
                "networking.istio.io",
                "VirtualService",
                """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: r, namespace: bookinfo, labels: {a: b}}
                spec:
                  hosts: [reviews]
                  http:
                  - match:
                    - uri: {prefix: /api}
                      headers:
                        end-user: {exact: jason}
                    fault:
                      delay:
                        percentage: {value: 100}
                        fixedDelay: 7s
                    route:
                    - destination: {host: reviews, subset: v2, port: {number: 9080}}
                      weight: 100
                    timeout: 1s
                """))
        .isEmpty();
    assertThat(
            paths(
                "security.istio.io",
                "AuthorizationPolicy",
                """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: p, namespace: bookinfo}
                spec:
                  selector: {matchLabels: {app: ratings}}
                  action: ALLOW
                  rules:
                  - from:
                    - source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews]}
                    to:
                    - operation: {methods: [GET]}
                """))
        .isEmpty();
  }

  @Test
  void reportsUnknownFieldsWithTheirPath() throws Exception {
    assertThat(
            paths(
                "networking.istio.io",
                "DestinationRule",
                """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: r, namespaec: bookinfo}
                spec:
                  host: reviews
                  subsets:
                  - name: v1
                    lables: {version: v1}
                  trafficPolicy:
                    tls: {mode: ISTIO_MUTUAL, sni: x}
                    loadBalancer: {simple: ROUND_ROBIN, bogus: 1}
                """))
        .containsExactlyInAnyOrder(
            "metadata.namespaec",
            "spec.subsets[0].lables",
            "spec.trafficPolicy.loadBalancer.bogus");
    assertThat(
            paths(
                "apps",
                "Deployment",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1, replica: 2}\nextra: 1\n"))
        .containsExactlyInAnyOrder("spec.replica", "extra");
  }

  @Test
  void kindsWithoutAModelAreCheckedAtTheTopLevelOnly() throws Exception {
    assertThat(
            paths(
                "microservice.slime.io",
                "SmartLimiter",
                "apiVersion: x\nkind: SmartLimiter\nmetadata: {name: r}\nspec: {anything: [1]}\n"))
        .isEmpty();
    assertThat(
            paths(
                "microservice.slime.io",
                "SmartLimiter",
                "apiVersion: x\nkind: SmartLimiter\nmetadata: {name: r}\nspek: {}\n"))
        .containsExactly("spek");
  }

  @Test
  void enumValuesAreChecked() throws Exception {
    List<ManifestValidator.Problem> problems =
        validator.validate(
            "security.istio.io",
            "v1",
            "PeerAuthentication",
            yaml(
                "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default}\nspec: {mtls: {mode: STRCT}}\n"));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).type()).isEqualTo(ManifestValidator.Rejection.INVALID_VALUE);
    assertThat(problems.get(0).message())
        .isEqualTo(
            "spec.mtls.mode: Unsupported value: \"STRCT\": supported values: \"DISABLE\", \"PERMISSIVE\", \"STRICT\", \"UNSET\"");
  }
}

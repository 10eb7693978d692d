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

  @Test
  void wrongTypesInBuiltInKindsAreWordedAsGosDecoder() throws Exception {
    String deployment =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  REPLACE\n";
    assertThat(messages("apps", "Deployment", deployment.replace("REPLACE", "replicas: lots")))
        .containsExactly(
            "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type"
                + " int32");
    assertThat(messages("apps", "Deployment", deployment.replace("REPLACE", "replicas: 1e999999")))
        .singleElement()
        .asString()
        .startsWith("json: cannot unmarshal number ")
        .endsWith(" into Go struct field DeploymentSpec.spec.replicas of type int32");
    assertThat(messages("apps", "Deployment", deployment.replace("REPLACE", "replicas: 1.5")))
        .containsExactly(
            "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of"
                + " type int32");
    assertThat(messages("apps", "Deployment", deployment.replace("REPLACE", "selector: [1, 2]")))
        .containsExactly(
            "json: cannot unmarshal array into Go struct field DeploymentSpec.spec.selector of type"
                + " v1.LabelSelector");
    assertThat(
            messages(
                "apps",
                "Deployment",
                deployment.replace(
                    "REPLACE",
                    "template: {spec: {containers: [{name: a, image: b, ports: [{containerPort: \"80\"}]}]}}")))
        .containsExactly(
            "json: cannot unmarshal string into Go struct field"
                + " ContainerPort.spec.template.spec.containers.ports.containerPort of type int32");
    assertThat(
            messages(
                "",
                "ConfigMap",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {a: 1}}\ndata: {port: 8080}\n"))
        .containsExactly(
            "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type"
                + " string",
            "json: cannot unmarshal number into Go struct field ConfigMap.data of type string");
    assertThat(
            messages(
                "apps",
                "Deployment",
                deployment.replace(
                    "REPLACE",
                    "template: {spec: {containers: [{name: a, image: b, resources: {limits: {cpu: lots, memory: 64Mi}}}]}}")))
        .containsExactly(
            "quantities must match the regular expression"
                + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    assertThat(messages("apps", "Deployment", deployment.replace("REPLACE", "replicas: 1e2")))
        .as("YAML reads 1e2 as a float; kubectl would send 100")
        .isEmpty();
  }

  @Test
  void wrongTypesInCustomResourcesAreWordedAsTheirSchema() throws Exception {
    assertThat(
            messages(
                "networking.istio.io",
                "VirtualService",
                "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\nspec:\n  hosts: reviews\n  http:\n  - route:\n    - destination: {host: reviews}\n      weight: heavy\n"))
        .containsExactly(
            "spec.hosts: Invalid value: \"string\": spec.hosts in body must be of type array:"
                + " \"string\"",
            "spec.http[0].route[0].weight: Invalid value: \"string\": spec.http[0].route[0].weight in"
                + " body must be of type integer: \"string\"");
  }

  @Test
  void unknownFieldsAreDroppedWhenNotStrict() throws Exception {
    ObjectNode object =
        yaml(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, colour: red}\nspec: {replicas: 1, replica: 2}\nextra: 1\n");
    validator.dropUnknownFields("apps", "Deployment", object);
    assertThat(object.toString())
        .isEqualTo(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":1}}");
    ObjectNode limiter = yaml("apiVersion: x\nkind: SmartLimiter\nmetadata: {name: r}\nspek: {}\n");
    validator.dropUnknownFields("microservice.slime.io", "SmartLimiter", limiter);
    assertThat(limiter.has("spek")).isFalse();
  }

  List<String> messages(String group, String kind, String text) throws Exception {
    return validator.validate(group, "v1", kind, yaml(text)).stream()
        .map(ManifestValidator.Problem::message)
        .toList();
  }
}

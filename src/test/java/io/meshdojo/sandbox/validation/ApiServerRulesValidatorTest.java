package io.meshdojo.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiServerRulesValidatorTest {

  final ApiServerRulesValidator validator = new ApiServerRulesValidator();

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, labels: {app: web}}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web, version: v1}}
          spec:
            containers:
            - name: web
              image: nginx:1.25
              ports: [{containerPort: 80}]
      """;

  static ObjectNode yaml(String text) throws Exception {
    return (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(text);
  }

  List<String> messages(String group, String kind, String text) throws Exception {
    return validator.validate(group, "v1", kind, yaml(text)).stream()
        .map(ManifestValidator.Problem::message)
        .toList();
  }

  @Test
  void aWellFormedDeploymentPasses() throws Exception {
    assertThat(messages("apps", "Deployment", DEPLOYMENT)).isEmpty();
  }

  @Test
  void labelKeysAndValuesFollowTheApiServersSyntax() throws Exception {
    List<String> problems =
        messages(
            "",
            "ConfigMap",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    \"a b\": ok\n    key: \"x y\"\n    long: "
                + "v".repeat(64)
                + "\n    "
                + "k".repeat(64)
                + ": v\n    Bad_Prefix/name: v\n");
    assertThat(problems)
        .contains(
            "metadata.labels: Invalid value: \"a b\": name part must consist of alphanumeric"
                + " characters, '-', '_' or '.', and must start and end with an alphanumeric"
                + " character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
                + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")
        .anyMatch(m -> m.startsWith("metadata.labels: Invalid value: \"x y\": a valid label"))
        .anyMatch(m -> m.endsWith(": must be no more than 63 characters"))
        .anyMatch(m -> m.endsWith(": name part must be no more than 63 characters"))
        .anyMatch(m -> m.contains("\"Bad_Prefix/name\": prefix part a lowercase RFC 1123"));
  }

  @Test
  void aDeploymentNeedsASelectorMatchingItsTemplateAndNamedContainersWithImages() throws Exception {
    assertThat(
            messages(
                "apps",
                "Deployment",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: null\n  template:\n    spec:\n      containers: [null]\n"))
        .containsExactly(
            "spec.selector: Required value",
            "spec.template.spec.containers[0].name: Required value",
            "spec.template.spec.containers[0].image: Required value");
    assertThat(
            messages(
                "apps",
                "Deployment",
                DEPLOYMENT.replace("{app: web}}\n  template", "{app: api}}\n  template")))
        .containsExactly(
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\","
                + " \"version\":\"v1\"}: `selector` does not match template `labels`");
    assertThat(messages("apps", "Deployment", DEPLOYMENT.replace("replicas: 2", "replicas: -1")))
        .containsExactly("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    assertThat(
            messages(
                "apps",
                "Deployment",
                DEPLOYMENT.replace("containerPort: 80", "containerPort: 70000")))
        .containsExactly(
            "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be"
                + " between 1 and 65535, inclusive");
  }

  @Test
  void enumeratedValuesAreChecked() throws Exception {
    assertThat(
            messages(
                "apps",
                "Deployment",
                DEPLOYMENT
                    .replace("replicas: 2", "replicas: 2\n  strategy: {type: Rolling}")
                    .replace(
                        "image: nginx:1.25", "image: nginx:1.25\n        imagePullPolicy: always")))
        .containsExactly(
            "spec.strategy.type: Unsupported value: \"Rolling\": supported values: \"Recreate\","
                + " \"RollingUpdate\"",
            "spec.template.spec.containers[0].imagePullPolicy: Unsupported value: \"always\":"
                + " supported values: \"Always\", \"IfNotPresent\", \"Never\"");
  }

  @Test
  void servicePortsAndConfigKeysAreChecked() throws Exception {
    assertThat(
            messages(
                "",
                "Service",
                "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - {port: 0, protocol: tcp}\n  - {port: 81}\n"))
        .containsExactly(
            "spec.ports[0].name: Required value",
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\","
                + " \"UDP\"",
            "spec.ports[1].name: Required value");
    assertThat(
            messages(
                "",
                "ConfigMap",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {\"a b\": x, ok: y}\n"))
        .containsExactly(
            "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric"
                + " characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name',"
                + " regex used for validation is '[-._a-zA-Z0-9]+')");
    assertThat(
            validator.validate(
                "",
                "v1",
                "Secret",
                yaml(
                    "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: \"no!base64\"}\n")))
        .extracting(ManifestValidator.Problem::type, ManifestValidator.Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ManifestValidator.Rejection.UNDECODABLE, "illegal base64 data at input byte 2"));
  }

  @Test
  void selectorsAndClusterIpsMayNotChange() throws Exception {
    ObjectNode old = yaml(DEPLOYMENT);
    assertThat(validator.validateUpdate("apps", "v1", "Deployment", yaml(DEPLOYMENT), old))
        .isEmpty();
    assertThat(
            validator.validateUpdate(
                "apps",
                "v1",
                "Deployment",
                yaml(
                    DEPLOYMENT.replace(
                        "{matchLabels: {app: web}}", "{matchLabels: {app: web, version: v1}}")),
                old))
        .extracting(ManifestValidator.Problem::message)
        .containsExactly(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\","
                + " \"version\":\"v1\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field"
                + " is immutable");
    String service =
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: ADDR, ports: [{port: 80}]}\n";
    ObjectNode stored = yaml(service.replace("ADDR", "10.96.0.5"));
    assertThat(
            validator.validateUpdate(
                "", "v1", "Service", yaml(service.replace("clusterIP: ADDR, ", "")), stored))
        .as("leaving clusterIP out keeps it")
        .isEmpty();
    assertThat(
            validator.validateUpdate(
                "", "v1", "Service", yaml(service.replace("ADDR", "10.96.0.6")), stored))
        .extracting(ManifestValidator.Problem::message)
        .containsExactly("spec.clusterIP: Invalid value: \"10.96.0.6\": field is immutable");
  }
}

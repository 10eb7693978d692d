package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded sandbox answers as a real API server would, checked with the real kubectl: what it
 * refuses and how it words it, kubectl's raw and typed commands, and the editor's applies as
 * kubectl sees them afterwards.
 */
@QuarkusTest
class KubeApiFidelityTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web, tier: front}}
          spec:
            containers: [{name: web, image: "nginx:1.25", ports: [{containerPort: 80}]}]
      """;

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  static String token(Kubectl k) {
    return k.kubeconfigText.replaceAll("(?s).*token: (\\S+).*", "$1");
  }

  @Test
  void builtInKindsAreRefusedAsTheApiServerRefusesThem() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    Kubectl.Result replicas = k.apply(DEPLOYMENT.replace("replicas: 1", "replicas: lots"));
    assertThat(replicas.exit()).isNotZero();
    assertThat(replicas.err())
        .contains("Error from server (BadRequest)")
        .contains(
            "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot"
                + " unmarshal string into Go struct field DeploymentSpec.spec.replicas of type"
                + " int32");
    Kubectl.Result empty =
        k.apply(
            DEPLOYMENT
                .replace("selector: {matchLabels: {app: web}}", "selector: null")
                .replaceAll("containers: \\[.*]", "containers: [null]"));
    assertThat(empty.err())
        .contains("The Deployment \"web\" is invalid")
        .contains("spec.selector: Required value")
        .contains("spec.template.spec.containers[0].name: Required value")
        .contains("spec.template.spec.containers[0].image: Required value");
    Kubectl.Result labels =
        k.apply(
            DEPLOYMENT.replace(
                "{name: web, namespace: default}",
                "{name: web, namespace: default, labels: {\"a b\": ok}}"));
    assertThat(labels.err())
        .contains(
            "metadata.labels: Invalid value: \"a b\": name part must consist of alphanumeric");
    Kubectl.Result mismatch = k.apply(DEPLOYMENT.replace("{app: web}}", "{app: api}}"));
    assertThat(mismatch.err()).contains("`selector` does not match template `labels`");
    assertThat(k.run("get", "deploy", "-n", "default", "-o", "name").out())
        .as("nothing refused was stored")
        .isBlank();

    assertThat(k.apply(DEPLOYMENT).exit()).isZero();
    assertThat(k.run("describe", "deploy", "web", "-n", "default").out())
        .contains("Selector:")
        .contains("app=web");
    Kubectl.Result immutable =
        k.apply(
            DEPLOYMENT.replace(
                "{matchLabels: {app: web}}", "{matchLabels: {app: web, tier: front}}"));
    assertThat(immutable.err())
        .contains("spec.selector: Invalid value: ")
        .contains("field is immutable");

    Kubectl.Result forbidden = k.run("delete", "namespace", "default");
    assertThat(forbidden.exit()).isNotZero();
    assertThat(forbidden.err())
        .contains(
            "Error from server (Forbidden): namespaces \"default\" is forbidden: this"
                + " namespace may not be deleted");
    assertThat(k.run("get", "deploy", "web", "-n", "default").exit()).isZero();
  }

  @Test
  void unknownFieldsAreDroppedUnlessValidationIsStrict() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String withColour = DEPLOYMENT.replace("  replicas: 1\n", "  replicas: 1\n  colour: red\n");
    Kubectl.Result strict = k.apply(withColour);
    assertThat(strict.err()).contains("strict decoding error: unknown field \"spec.colour\"");
    Kubectl.Result warned = k.apply(withColour, "--validate=warn");
    assertThat(warned.exit()).as(warned.all()).isZero();
    assertThat(warned.err()).contains("unknown field \"spec.colour\"");
    JsonNode stored = json(k.run("get", "deploy", "web", "-n", "default", "-o", "json"));
    assertThat(stored.at("/spec").has("colour")).isFalse();
    Kubectl.Result ignored =
        k.apply(withColour.replace("name: web,", "name: other,"), "--validate=false");
    assertThat(ignored.exit()).as(ignored.all()).isZero();
    assertThat(ignored.err()).doesNotContain("colour");
    assertThat(
            json(k.run("get", "deploy", "other", "-n", "default", "-o", "json"))
                .at("/spec")
                .has("colour"))
        .isFalse();
  }

  @Test
  void rawRequestsReachTheSandboxOfTheirToken() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    Kubectl.Result namespaces = k.run("get", "--raw", "/api/v1/namespaces");
    assertThat(namespaces.exit()).as(namespaces.all()).isZero();
    assertThat(JSON.readTree(namespaces.out()).path("kind").asText()).isEqualTo("NamespaceList");
    assertThat(namespaces.out()).contains("\"bookinfo\"");
    Kubectl.Result created =
        k.run(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"raw\"}}",
            60,
            "create",
            "--raw",
            "/api/v1/namespaces/default/configmaps",
            "-f",
            "-");
    assertThat(created.exit()).as(created.all()).isZero();
    assertThat(
            json(k.run("get", "cm", "raw", "-n", "default", "-o", "json"))
                .at("/metadata/namespace")
                .asText())
        .isEqualTo("default");
    assertThat(k.run("get", "--raw", "/version").out()).contains("\"gitVersion\"");
    assertThat(k.run("get", "--raw", "/apis/networking.istio.io/v1").out())
        .contains("virtualservices");

    // The service's own REST API is untouched: Basic still works, a sandbox token is no key to it.
    given()
        .auth()
        .preemptive()
        .basic(Kubectl.lastUser, Kubectl.PASSWORD)
        .get("/api/sessions/" + k.sessionId)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", "Bearer " + token(k))
        .get("/api/sessions/" + k.sessionId)
        .then()
        .statusCode(401);
    given().get("/api/labs").then().statusCode(200).body(containsString("request-routing"));
    given()
        .header("Authorization", "Bearer mdj_not-a-token")
        .get("/api/v1/namespaces")
        .then()
        .statusCode(401)
        .body("kind", equalTo("Status"))
        .body("reason", equalTo("Unauthorized"));
  }

  @Test
  void typedCreateCommandsSendProtobufThatIsRead() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    Kubectl.Result deployment =
        k.run("create", "deployment", "x", "--image=nginx", "--port=80", "-n", "default");
    assertThat(deployment.all()).contains("deployment.apps/x created");
    Kubectl.Result got = k.run("get", "deploy", "x", "-n", "default");
    assertThat(got.exit()).as(got.all()).isZero();
    assertThat(got.out())
        .as("one object is printed as a table too")
        .contains("READY")
        .contains("1/1");
    JsonNode x = json(k.run("get", "deploy", "x", "-n", "default", "-o", "json"));
    assertThat(x.at("/spec/selector/matchLabels/app").asText()).isEqualTo("x");
    assertThat(x.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx");
    assertThat(x.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
        .isEqualTo(80);
    assertThat(k.run("create", "service", "clusterip", "x", "--tcp=80:8080", "-n", "default").all())
        .contains("service/x created");
    JsonNode svc = json(k.run("get", "svc", "x", "-n", "default", "-o", "json"));
    assertThat(svc.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
    assertThat(svc.at("/spec/selector/app").asText()).isEqualTo("x");
  }

  @Test
  void anEditorApplyLeavesWhatKubectlApplyMergesFrom() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String configMap =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  mode: strict\n  level: \"1\"\n";
    given()
        .auth()
        .preemptive()
        .basic(Kubectl.lastUser, Kubectl.PASSWORD)
        .contentType(ContentType.TEXT)
        .body(configMap)
        .post("/api/sessions/" + k.sessionId + "/apply")
        .then()
        .statusCode(200)
        .body("ok", equalTo(true));
    JsonNode stored = json(k.run("get", "cm", "settings", "-n", "default", "-o", "json"));
    JsonNode applied =
        JSON.readTree(
            stored
                .at("/metadata/annotations")
                .path("kubectl.kubernetes.io/last-applied-configuration")
                .asText());
    assertThat(applied.at("/data/mode").asText()).isEqualTo("strict");
    assertThat(applied.at("/metadata/annotations").isEmpty()).isTrue();

    // kubectl merges from the editor's document: a key deleted there is deleted, without warning.
    Kubectl.Result r = k.apply(configMap.replace("  level: \"1\"\n", ""));
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode after = json(k.run("get", "cm", "settings", "-n", "default", "-o", "json"));
    assertThat(after.at("/data").has("level")).isFalse();
  }

  @Test
  void aBodyOverTheLimitIsAnsweredWithAStatus() {
    Kubectl k;
    try {
      k = Kubectl.forNewSession("request-routing");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] body =
        ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"a\":\""
                + "x".repeat(1_200_000)
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    String path = "/sandboxes/" + k.sessionId + "/k8s/api/v1/namespaces/default/configmaps";
    // Declared length, and streamed without one (chunked): both are measured.
    given()
        .header("Authorization", "Bearer " + token(k))
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then()
        .statusCode(413)
        .body("kind", equalTo("Status"))
        .body("reason", equalTo("RequestEntityTooLarge"))
        .body("code", equalTo(413));
    given()
        .header("Authorization", "Bearer " + token(k))
        .contentType(ContentType.JSON)
        .body(new ByteArrayInputStream(body))
        .post(path)
        .then()
        .statusCode(413)
        .body("kind", equalTo("Status"))
        .body("message", containsString("Request entity too large"));
  }

  static JsonNode json(Kubectl.Result r) throws Exception {
    assertThat(r.exit()).as(r.all()).isZero();
    return JSON.readTree(r.out());
  }
}

package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * An object the service's parser could not read back is refused when written, by the sandbox API
 * and the editor alike, and the sandbox stays readable. Such objects used to be stored and then
 * fail every read of their sandbox with a 500: a 1,001-digit number through the editor (whose YAML
 * reader has no number limit), or through the API a YAML hexadecimal integer, short as written but
 * 1,024 decimal digits once stored.
 */
@QuarkusTest
class UnstorableObjectsTest {

  static final String HUGE = "0x" + "f".repeat(850);

  static String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: default\ndata:\n  value: "
        + value
        + "\n";
  }

  @Test
  void theSandboxApiRefusesWhatItCouldNotReadBack() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String token = Files.readString(k.kubeconfig).replaceAll("(?s).*token: (\\S+).*", "$1");
    String configMaps = "/sandboxes/" + k.sessionId + "/k8s/api/v1/namespaces/default/configmaps";

    given()
        .header("Authorization", "Bearer " + token)
        .contentType("application/yaml")
        .body(configMap("huge", HUGE).getBytes(StandardCharsets.UTF_8))
        .post(configMaps)
        .then()
        .statusCode(422)
        .body("kind", equalTo("Status"))
        .body("reason", equalTo("Invalid"))
        .body(
            "message",
            containsString(
                "ConfigMap \"huge\" is invalid: data.value: Invalid value: a number of 1024"
                    + " characters: numbers must have at most 1000 digits"))
        .body("details.causes.field", hasItem("data.value"));
    given()
        .header("Authorization", "Bearer " + token)
        .contentType("application/json")
        .body(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"infinite\"},"
                + "\"data\":{\"value\":1e999}}")
        .post(configMaps)
        .then()
        .statusCode(422)
        .body("message", containsString("data.value: Invalid value: the number is out of range"));
    // A patch is held to the same limits as a create.
    given()
        .header("Authorization", "Bearer " + token)
        .contentType("application/yaml")
        .body(configMap("patched", "small").getBytes(StandardCharsets.UTF_8))
        .post(configMaps)
        .then()
        .statusCode(201);
    given()
        .header("Authorization", "Bearer " + token)
        .contentType("application/merge-patch+json")
        .body("{\"data\":{\"value\":1e999}}")
        .patch(configMaps + "/patched")
        .then()
        .statusCode(422);

    given()
        .header("Authorization", "Bearer " + token)
        .get(configMaps)
        .then()
        .statusCode(200)
        .body("items.metadata.name", equalTo(java.util.List.of("patched")));
    Prerequisite.KUBECTL.require();
    Kubectl.Result listed = k.run("get", "cm", "-n", "default");
    assertThat(listed.exit()).as(listed.all()).isZero();
    assertThat(listed.out()).contains("patched");
  }

  @Test
  void theEditorReportsTheSameRefusalAndTheSandboxStaysReadable() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    JsonPath report =
        given()
            .auth()
            .preemptive()
            .basic(user, Kubectl.PASSWORD)
            .contentType("text/plain")
            .body(configMap("huge", "1".repeat(1001)))
            .post("/api/sessions/" + k.sessionId + "/apply")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(report.getBoolean("ok")).isFalse();
    assertThat(report.getString("documents[0].error"))
        .contains("data.value: Invalid value: a number of 1001 characters");
    given()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD)
        .get("/api/sessions/" + k.sessionId + "/objects")
        .then()
        .statusCode(200);
  }
}

package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** A body over the 1 MiB limit is answered with the project's JSON error, not an empty 413. */
@QuarkusTest
class BodyLimitTest {

  private static final int LIMIT = 1024 * 1024;

  @Test
  void anOversizedApplyIsAJson413AndTheSandboxCarriesOn() {
    String user = Kubectl.newLearner();
    String session = Kubectl.startSession(user, "request-routing");
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: bookinfo}\ndata:\n  x: "
            + "a".repeat(LIMIT)
            + "\n";
    given()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD)
        .contentType("application/yaml")
        .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/sessions/" + session + "/apply")
        .then()
        .statusCode(413)
        .contentType(ContentType.JSON)
        .body("status", equalTo(413))
        .body("error", containsString("the limit is 1048576 bytes"));
    given()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD)
        .get("/api/sessions/" + session + "/objects")
        .then()
        .statusCode(200);
  }

  @Test
  void anOversizedRawKubectlRequestIsAKubernetesStatus() {
    // kubectl create --raw drops the sandbox's path but carries its token: the sandbox answers
    given()
        .header("Authorization", "Bearer any-token")
        .contentType(ContentType.JSON)
        .body("{\"data\":\"" + "x".repeat(LIMIT) + "\"}")
        .post("/api/v1/namespaces/default/configmaps")
        .then()
        .statusCode(413)
        .body("kind", equalTo("Status"))
        .body("reason", equalTo("RequestEntityTooLarge"));
  }

  @Test
  void everyOtherEndpointAnswersTheSame() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + "x".repeat(LIMIT) + "\"}")
        .post("/api/signup")
        .then()
        .statusCode(413)
        .contentType(ContentType.JSON)
        .body("error", containsString("too large"));
  }
}

package io.meshdojo.sandbox.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The editor and resource browser's API, seen by the real kubectl afterwards. */
@QuarkusTest
class WorkspaceApiTest {

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Kubectl.PASSWORD);
  }

  private static JsonPath send(String user, String session, String verb, String yaml) {
    return as(user)
        .contentType("text/plain")
        .body(yaml)
        .post("/api/sessions/" + session + "/" + verb)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void theReferenceSolutionIsCreatedThenUnchangedThenConfiguredAndKubectlSeesIt() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    String user = Kubectl.lastUser;
    String solution =
        Files.readString(Path.of("labs/traffic-shifting/solution/reviews-80-20.yaml"));

    JsonPath first = send(user, k.sessionId, "apply", solution);
    assertThat(first.getBoolean("ok")).isTrue();
    assertThat(first.getList("documents.kubectlLine", String.class))
        .containsExactly(
            "destinationrule.networking.istio.io/reviews created",
            "virtualservice.networking.istio.io/reviews created");
    assertThat(first.getList("documents.line", Integer.class)).containsExactly(2, 21);

    assertThat(send(user, k.sessionId, "apply", solution).getList("documents.action"))
        .containsExactly("unchanged", "unchanged");
    JsonPath edited =
        send(user, k.sessionId, "apply", solution.replace("weight: 80", "weight: 70"));
    assertThat(edited.getList("documents.action")).containsExactly("unchanged", "configured");

    Kubectl.Result seen = k.run("get", "virtualservice", "reviews", "-n", "bookinfo", "-o", "yaml");
    assertThat(seen.exit()).as(seen.err()).isZero();
    assertThat(seen.out()).contains("weight: 70");

    List<String> kinds =
        as(user)
            .get("/api/sessions/" + k.sessionId + "/objects")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("findAll { it.namespace == 'bookinfo' && it.name == 'reviews' }.kind");
    assertThat(kinds).contains("DestinationRule", "VirtualService", "Service");

    as(user)
        .queryParam("apiVersion", "networking.istio.io/v1")
        .queryParam("kind", "VirtualService")
        .queryParam("namespace", "bookinfo")
        .queryParam("name", "reviews")
        .get("/api/sessions/" + k.sessionId + "/objects/yaml")
        .then()
        .statusCode(200)
        .body(containsString("weight: 70"));

    JsonPath deleted = send(user, k.sessionId, "delete", solution);
    assertThat(deleted.getList("documents.action")).containsExactly("deleted", "deleted");
    assertThat(k.run("get", "virtualservice", "reviews", "-n", "bookinfo").exit()).isNotZero();
  }

  @Test
  void aRefusedDocumentPointsAtItsFieldAndDoesNotStopTheOthers() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    String user = Kubectl.lastUser;
    String yaml =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
          namespace: bookinfo
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination:
                host: reviews
                subsett: v1
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: notes
          namespace: bookinfo
        data:
          note: kept
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w
        """;
    JsonPath report = send(user, k.sessionId, "apply", yaml);
    assertThat(report.getBoolean("ok")).isFalse();
    assertThat(report.getString("documents[0].error"))
        .contains("unknown field \"spec.http[0].route[0].destination.subsett\"");
    assertThat(report.getInt("documents[0].errorLine")).isEqualTo(12);
    assertThat(report.getString("documents[1].action")).isEqualTo("created");
    assertThat(report.getString("documents[2].error")).contains("no matches for kind \"Widget\"");
    assertThat(report.getInt("documents[2].errorLine")).isEqualTo(22);

    as(user)
        .contentType("text/plain")
        .body("apiVersion: v1\nkind: ConfigMap\nkind: Secret\n")
        .post("/api/sessions/" + k.sessionId + "/apply")
        .then()
        .statusCode(400)
        .body("line", equalTo(3))
        .body("error", containsString("duplicate key"));
    as(user)
        .contentType("text/plain")
        .body("# nothing here\n")
        .post("/api/sessions/" + k.sessionId + "/apply")
        .then()
        .statusCode(400)
        .body("error", containsString("no objects"));
    as(user)
        .queryParam("apiVersion", "v1")
        .queryParam("kind", "ConfigMap")
        .queryParam("namespace", "bookinfo")
        .queryParam("name", "missing")
        .delete("/api/sessions/" + k.sessionId + "/objects")
        .then()
        .statusCode(404)
        .body("error", containsString("not found"));
  }

  @Test
  void onlyTheOwnerMayUseTheWorkspace() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    String owner = Kubectl.lastUser;
    String stranger = Kubectl.newLearner();
    as(stranger).get("/api/sessions/" + k.sessionId + "/objects").then().statusCode(404);
    as(stranger)
        .contentType("text/plain")
        .body("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n")
        .post("/api/sessions/" + k.sessionId + "/apply")
        .then()
        .statusCode(404);
    given().get("/api/sessions/" + k.sessionId + "/objects").then().statusCode(401);
    as(owner).delete("/api/sessions/" + k.sessionId).then().statusCode(204);
    as(owner).get("/api/sessions/" + k.sessionId + "/objects").then().statusCode(409);
  }
}

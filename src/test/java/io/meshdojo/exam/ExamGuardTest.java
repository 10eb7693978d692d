package io.meshdojo.exam;

import static io.meshdojo.testing.Accounts.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fairness matrix of an exam attempt: every endpoint that names a sandbox or a lab's help is
 * either refused during the attempt (409 with a message) or part of the exam workspace, and after
 * grading the refusals are lifted. The OpenAPI document keeps the matrix complete: a new endpoint
 * under a sandbox or a lab fails here until it is placed in it.
 */
@QuarkusTest
class ExamGuardTest {

  /** An endpoint of the matrix; {@code path} may hold {S} (a sandbox) and {L} (a lab). */
  private record Call(String method, String path, String openApiPath) {

    io.restassured.response.Response send(RequestSpecification as, String sandbox) {
      String url = path.replace("{S}", sandbox).replace("{L}", "traffic-shifting");
      return switch (method) {
        case "get" -> as.get(url);
        case "delete" -> as.delete(url);
        default -> as.contentType(ContentType.JSON).body("{\"confirm\": true}").post(url);
      };
    }
  }

  /** Refused on the attempt's own sandbox: it holds the candidate's work until grading. */
  private static final List<Call> REFUSED_ON_THE_ATTEMPTS_SANDBOX =
      List.of(
          new Call("post", "/api/sessions/{S}/reset", "/api/sessions/{id}/reset"),
          new Call("post", "/api/sessions/{S}/extend", "/api/sessions/{id}/extend"),
          new Call("delete", "/api/sessions/{S}", "/api/sessions/{id}"));

  /** Refused for any sandbox or lab while the candidate takes an exam: no grading, no help. */
  private static final List<Call> REFUSED_WHILE_TAKING_AN_EXAM =
      List.of(
          new Call("post", "/api/sessions/{S}/check?lang=zh", "/api/sessions/{id}/check"),
          new Call(
              "post", "/api/sessions/{S}/traffic?objective=split", "/api/sessions/{id}/traffic"),
          new Call("get", "/api/sessions/{S}/graph", "/api/sessions/{id}/graph"),
          new Call("get", "/api/labs/{L}/checks", "/api/labs/{id}/checks"),
          new Call("get", "/api/labs/{L}/hints", "/api/labs/{id}/hints"),
          new Call("post", "/api/labs/{L}/hints/next", "/api/labs/{id}/hints/next"),
          new Call("post", "/api/labs/{L}/solution", "/api/labs/{id}/solution"),
          new Call("post", "/api/labs/{L}/sessions", "/api/labs/{labId}/sessions"));

  /** The exam workspace's own tools (editor, resource browser, status): open during the attempt. */
  private static final Set<String> OPEN_DURING_AN_EXAM =
      Set.of(
          "get /api/sessions/{id}",
          "get /api/sessions/{id}/events",
          "get /api/sessions/{id}/kubeconfig",
          "post /api/sessions/{id}/apply",
          "post /api/sessions/{id}/delete",
          "get /api/sessions/{id}/objects",
          "delete /api/sessions/{id}/objects",
          "get /api/sessions/{id}/objects/yaml",
          // The sandbox's own Prometheus, which a pod can also reach (prometheus.istio-system).
          "get /api/sessions/{id}/prometheus/api/v1/query");

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  @Test
  void everyEndpointOnASandboxOrALabIsPlacedInTheMatrix() {
    Map<String, Map<String, Object>> paths =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
    Set<String> placed = new TreeSet<>(OPEN_DURING_AN_EXAM);
    for (Call c : REFUSED_ON_THE_ATTEMPTS_SANDBOX) {
      placed.add(c.method() + " " + c.openApiPath());
    }
    for (Call c : REFUSED_WHILE_TAKING_AN_EXAM) {
      placed.add(c.method() + " " + c.openApiPath());
    }
    List<String> unplaced = new ArrayList<>();
    paths.forEach(
        (path, operations) -> {
          if (path.startsWith("/api/sessions/{") || path.matches("/api/labs/\\{[^/]+}.*")) {
            for (String method : operations.keySet()) {
              if (HTTP_METHODS.contains(method) && !placed.contains(method + " " + path)) {
                unplaced.add(method + " " + path);
              }
            }
          }
        });
    assertThat(unplaced)
        .as("endpoints neither refused during an exam nor part of its workspace")
        .isEmpty();
  }

  @Test
  void duringAnAttemptNothingGradesOrHelpsAndItsSandboxStaysAsItIs() {
    String candidate = Kubectl.newLearner();
    String other = Kubectl.newLearner();
    // A lab sandbox from before the exam: its help and grading are closed during the attempt too.
    String lab = Kubectl.startSession(candidate, "traffic-shifting");
    JsonPath started =
        as(candidate)
            .post("/api/exams/istio-sprint/attempts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String attempt = started.getString("id");
    String sandbox = started.getString("sandbox");

    for (Call c : REFUSED_ON_THE_ATTEMPTS_SANDBOX) {
      c.send(as(candidate), sandbox)
          .then()
          .statusCode(409)
          .body("error", containsString("exam attempt " + attempt));
      // Someone else learns nothing: the sandbox is not theirs, as for a missing one.
      c.send(as(other), sandbox).then().statusCode(404);
      c.send(given(), sandbox).then().statusCode(401);
    }
    for (Call c : REFUSED_WHILE_TAKING_AN_EXAM) {
      for (String target : List.of(sandbox, lab)) {
        c.send(as(candidate), target)
            .then()
            .statusCode(409)
            .body("error", containsString("while you take an exam"));
      }
      c.send(given(), sandbox).then().statusCode(401);
    }
    // The lab sandbox is still the candidate's to reset; only help and grading wait.
    as(candidate).post("/api/sessions/" + lab + "/reset").then().statusCode(200);

    // The workspace's own tools work on the attempt's sandbox.
    as(candidate).get("/api/sessions/" + sandbox).then().statusCode(200);
    as(candidate).get("/api/sessions/" + sandbox + "/objects").then().statusCode(200);
    as(candidate)
        .contentType("text/plain")
        .body("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: note\n  namespace: default\n")
        .post("/api/sessions/" + sandbox + "/apply")
        .then()
        .statusCode(200)
        .body(containsString("created"));

    // Once graded, the attempt's sandbox is ended and everything is open again.
    as(candidate).post("/api/attempts/" + attempt + "/submit").then().statusCode(200);
    as(candidate).get("/api/labs/traffic-shifting/hints").then().statusCode(200);
    as(candidate).get("/api/labs/traffic-shifting/checks").then().statusCode(200);
    as(candidate).post("/api/sessions/" + lab + "/check").then().statusCode(200);
    as(candidate).delete("/api/sessions/" + sandbox).then().statusCode(409);
    as(candidate).delete("/api/sessions/" + lab).then().statusCode(204);
  }
}

package io.meshdojo.help;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshdojo.content.YamlFiles;
import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hints come one at a time and are remembered; the solution needs a confirmation and is noted. */
@QuarkusTest
class HintsAndSolutionApiTest {

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Kubectl.PASSWORD);
  }

  private static JsonPath ok(io.restassured.response.Response response) {
    return response.then().statusCode(200).extract().jsonPath();
  }

  private static JsonNode hints(String lab) throws Exception {
    return YamlFiles.parse(Files.readString(Path.of("labs", lab, "lab.yaml")))
        .path("spec")
        .path("hints");
  }

  @Test
  void hintsAreRevealedOneAtATimeRecordedAndKeptToTheirLearner() throws Exception {
    JsonNode expected = hints("request-routing");
    int total = expected.size();
    assertThat(total).isGreaterThanOrEqualTo(2);
    String user = Kubectl.newLearner();

    JsonPath none = ok(as(user).get("/api/labs/request-routing/hints"));
    assertThat(none.getList("revealed")).isEmpty();
    assertThat(none.getInt("remaining")).isEqualTo(total);
    assertThat(none.getInt("total")).isEqualTo(total);

    JsonPath first = ok(as(user).post("/api/labs/request-routing/hints/next?lang=en"));
    assertThat(first.getList("revealed.number")).containsExactly(1);
    assertThat(first.getString("revealed[0].text")).isEqualTo(expected.get(0).get("en").asText());
    assertThat(first.getInt("remaining")).isEqualTo(total - 1);

    ok(as(user).post("/api/labs/request-routing/hints/next?lang=zh"));
    JsonPath again = ok(as(user).get("/api/labs/request-routing/hints?lang=zh"));
    assertThat(again.getList("revealed.number")).containsExactly(1, 2);
    assertThat(again.getString("revealed[1].text")).isEqualTo(expected.get(1).get("zh").asText());
    // The hints not yet revealed never leave the server.
    for (int i = 2; i < total; i++) {
      assertThat(again.prettify()).doesNotContain(expected.get(i).get("en").asText());
    }

    for (int i = 0; i < total + 2; i++) {
      ok(as(user).post("/api/labs/request-routing/hints/next"));
    }
    JsonPath all = ok(as(user).get("/api/labs/request-routing/hints"));
    assertThat(all.getList("revealed")).hasSize(total);
    assertThat(all.getInt("remaining")).isZero();

    String other = Kubectl.newLearner();
    assertThat(ok(as(other).get("/api/labs/request-routing/hints")).getList("revealed")).isEmpty();
    assertThat(ok(as(other).get("/api/labs/mtls-strict/hints")).getList("revealed")).isEmpty();
  }

  @Test
  void hintCallsNeedASignedInLearnerAKnownLabAndALanguage() {
    String user = Kubectl.newLearner();
    // Visitors get a sign-in prompt in place of the hints box's controls.
    String visitor = given().get("/zh/labs/request-routing").then().extract().asString();
    assertThat(visitor).contains("登录后即可查看提示和参考答案").doesNotContain("id=\"hint-next\"");
    assertThat(as(user).get("/en/labs/request-routing").then().extract().asString())
        .contains("id=\"hint-next\"")
        .contains("id=\"solution-confirm\"");
    given().get("/api/labs/request-routing/hints").then().statusCode(401);
    given().post("/api/labs/request-routing/hints/next").then().statusCode(401);
    as(user).get("/api/labs/no-such-lab/hints").then().statusCode(404);
    as(user)
        .post("/api/labs/no-such-lab/hints/next")
        .then()
        .statusCode(404)
        .body("error", containsString("no-such-lab"));
    as(user)
        .post("/api/labs/request-routing/hints/next?lang=fr")
        .then()
        .statusCode(400)
        .body("error", containsString("Unknown lang"));
  }

  @Test
  void theSolutionIsShownOnlyOnConfirmationAndTheRevealIsRecorded() throws Exception {
    String user = Kubectl.newLearner();
    String url = "/api/labs/request-routing/solution?lang=zh";
    as(user).contentType(ContentType.JSON).post(url).then().statusCode(400);
    as(user).contentType(ContentType.JSON).body("{}").post(url).then().statusCode(400);
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"confirm\": false}")
        .post(url)
        .then()
        .statusCode(400)
        .body("error", containsString("confirm"));
    as(user).contentType(ContentType.JSON).body("{\"confirm\": ").post(url).then().statusCode(400);
    assertThat(ok(as(user).get("/api/labs/request-routing/hints")).getBoolean("solutionRevealed"))
        .isFalse();

    JsonPath solution =
        ok(as(user).contentType(ContentType.JSON).body("{\"confirm\": true}").post(url));
    assertThat(solution.getList("files.name")).containsExactly("reviews-routing.yaml");
    assertThat(solution.getString("files[0].yaml"))
        .isEqualTo(Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml")));
    assertThat(ok(as(user).get("/api/labs/request-routing/hints")).getBoolean("solutionRevealed"))
        .isTrue();
    JsonPath later =
        ok(as(user).contentType(ContentType.JSON).body("{\"confirm\": true}").post(url));
    assertThat(later.getString("revealedAt")).isEqualTo(solution.getString("revealedAt"));

    // Another learner has revealed nothing; the lab page itself never carries the solution.
    String other = Kubectl.newLearner();
    assertThat(ok(as(other).get("/api/labs/request-routing/hints")).getBoolean("solutionRevealed"))
        .isFalse();
    assertThat(as(user).get("/en/labs/request-routing").then().statusCode(200).extract().asString())
        .doesNotContain("kind: VirtualService");
  }

  @Test
  void solutionCallsNeedASignedInLearnerAndAKnownLab() {
    String user = Kubectl.newLearner();
    given()
        .contentType(ContentType.JSON)
        .body("{\"confirm\": true}")
        .post("/api/labs/request-routing/solution")
        .then()
        .statusCode(401);
    as(user)
        .contentType(ContentType.JSON)
        .body("{\"confirm\": true}")
        .post("/api/labs/no-such-lab/solution")
        .then()
        .statusCode(404);
  }
}

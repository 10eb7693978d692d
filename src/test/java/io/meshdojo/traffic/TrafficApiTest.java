package io.meshdojo.traffic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The traffic picture on the embedded backend: the Check's own JSON carries the simulated traffic,
 * and real traffic is refused with a reason (409) or hidden from other learners (404).
 */
@QuarkusTest
class TrafficApiTest {

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Kubectl.PASSWORD);
  }

  @Test
  void theCheckOfASolvedTrafficShiftingLabCarriesTheSimulatedSplit() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    String user = Kubectl.lastUser;
    Kubectl.Result applied =
        k.apply(Files.readString(Path.of("labs/traffic-shifting/solution/reviews-80-20.yaml")));
    assertThat(applied.exit()).as(applied.err()).isZero();

    JsonPath check =
        as(user)
            .post("/api/sessions/" + k.sessionId + "/check?lang=zh")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(check.getBoolean("passed")).as(check.prettify()).isTrue();
    List<Map<String, Object>> traffic =
        check.getList("objectives.find { it.id == 'split-80-20' }.traffic");
    assertThat(traffic).hasSize(4);
    assertThat(traffic.get(1).get("probe"))
        .isEqualTo("bookinfo/productpage-v1 → reviews:9080 GET /reviews/0 · end-user: jason");
    for (int i = 0; i < traffic.size(); i++) {
      String probe = "objectives.find { it.id == 'split-80-20' }.traffic[" + i + "]";
      assertThat(check.getList(probe + ".shares.label")).containsExactly("v1", "v3");
      assertThat(check.getDouble(probe + ".shares[0].share")).isCloseTo(0.8, within(1e-9));
      assertThat(check.getDouble(probe + ".shares[1].share")).isCloseTo(0.2, within(1e-9));
      assertThat(check.getDouble(probe + ".expected.v1")).isCloseTo(0.8, within(1e-9));
    }
    assertThat(check.getList("objectives.find { it.id == 'no-errors' }.traffic")).isEmpty();
  }

  @Test
  void realTrafficIsRefusedForAnEmbeddedSandboxAndHiddenFromOthers() throws Exception {
    Kubectl k = Kubectl.forNewSession("traffic-shifting");
    String owner = Kubectl.lastUser;
    String stranger = Kubectl.newLearner();

    as(owner)
        .post("/api/sessions/" + k.sessionId + "/traffic?objective=split-80-20")
        .then()
        .statusCode(409)
        .body("status", org.hamcrest.Matchers.equalTo(409))
        .body("error", containsString("embedded backend"))
        .body("error", containsString("kind sandbox"));
    as(stranger)
        .post("/api/sessions/" + k.sessionId + "/traffic?objective=split-80-20")
        .then()
        .statusCode(404);
    given()
        .post("/api/sessions/" + k.sessionId + "/traffic?objective=split-80-20")
        .then()
        .statusCode(401);
  }
}

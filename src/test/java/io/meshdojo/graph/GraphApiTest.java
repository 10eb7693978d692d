package io.meshdojo.graph;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /api/sessions/{id}/graph: the requests the learner sent with the real kubectl exec, as edges;
 * nobody else sees them.
 */
@QuarkusTest
class GraphApiTest {

  private static final String PRODUCTPAGE = "workload:bookinfo/productpage-v1";
  private static final String REVIEWS = "service:reviews.bookinfo.svc.cluster.local";

  private static JsonPath graph(String user, String session, int status, String query) {
    return given()
        .auth()
        .preemptive()
        .basic(user, Kubectl.PASSWORD)
        .get("/api/sessions/" + session + "/graph" + query)
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  @Test
  void theGraphShowsTheRequestsSentFromAPodAndOnlyToItsOwner() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String user = Kubectl.lastUser;
    assertThat(graph(user, k.sessionId, 200, "").getList("edges")).isEmpty();

    assertThat(k.run("apply", "-f", "labs/request-routing/solution").exit()).isZero();
    Kubectl.Result sent =
        k.exec(
            "bookinfo",
            "deploy/productpage-v1",
            "sh",
            "-c",
            "for i in 1 2 3 4; do curl -s -o /dev/null http://reviews:9080/reviews/0; done;"
                + " curl -s -o /dev/null -H 'end-user: jason' http://reviews:9080/reviews/0");
    assertThat(sent.exit()).as(sent.all()).isZero();

    JsonPath g = graph(user, k.sessionId, 200, "?minutes=2");
    assertThat(g.getBoolean("simulated")).isTrue();
    assertThat(g.getInt("windowSeconds")).isEqualTo(120);
    List<Map<String, Object>> edges = g.getList("edges");
    assertThat(edge(edges, PRODUCTPAGE, REVIEWS))
        .containsEntry("requests", 5)
        .containsEntry("errors", 0)
        .containsEntry("mtlsShare", 1.0f);
    assertThat(edge(edges, REVIEWS, "workload:bookinfo/reviews-v1")).containsEntry("requests", 4);
    assertThat(edge(edges, REVIEWS, "workload:bookinfo/reviews-v2")).containsEntry("requests", 1);
    assertThat(g.getList("nodes.id")).contains(PRODUCTPAGE, REVIEWS);

    // Another learner is told the session does not exist; bad windows are refused plainly.
    graph(Kubectl.newLearner(), k.sessionId, 404, "");
    assertThat(graph(user, k.sessionId, 400, "?minutes=0").getString("error")).contains("minutes");
    graph(user, k.sessionId, 400, "?minutes=lots");
    given().get("/api/sessions/" + k.sessionId + "/graph").then().statusCode(401);
  }

  private static Map<String, Object> edge(
      List<Map<String, Object>> edges, String source, String target) {
    return edges.stream()
        .filter(e -> e.get("source").equals(source) && e.get("target").equals(target))
        .findFirst()
        .orElseThrow(() -> new AssertionError(source + " → " + target + " in " + edges));
  }
}

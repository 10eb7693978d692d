package io.meshdojo.sandbox.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metrics-tags lab end to end through the real kubectl: requests sent with exec'd curl are
 * counted, the simulated Prometheus at prometheus.istio-system:9090 answers queries from inside a
 * pod, Telemetry changes the labels of what is counted from then on, and the lab page's path
 * answers the owner only.
 */
@QuarkusTest
class MetricsKubectlTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BY_PROTOCOL =
      "query=sum by (destination_workload, request_protocol)"
          + " (istio_requests_total{reporter=\"destination\"})";
  private static final String RATINGS_BYTES =
      "query=sum by (reporter) (istio_request_bytes_count{destination_workload=\"ratings-v1\"})";

  private static void send(Kubectl k, String deploy, String container, String url, int times)
      throws Exception {
    for (int i = 0; i < times; i++) {
      Kubectl.Result r =
          k.run(
              "-n",
              "bookinfo",
              "exec",
              "deploy/" + deploy,
              "-c",
              container,
              "--",
              "curl",
              "-s",
              "-o",
              "/dev/null",
              "-w",
              "%{http_code}",
              url);
      assertThat(r.out()).as(r.all()).isEqualTo("200");
    }
  }

  /** A query from inside productpage's pod, as the lab's instructions run it. */
  private static JsonNode query(Kubectl k, String encodedQuery) throws Exception {
    Kubectl.Result r =
        k.run(
            "-n",
            "bookinfo",
            "exec",
            "deploy/productpage-v1",
            "-c",
            "productpage",
            "--",
            "curl",
            "-sG",
            "http://prometheus.istio-system:9090/api/v1/query",
            "--data-urlencode",
            encodedQuery);
    assertThat(r.exit()).as(r.all()).isZero();
    JsonNode body = JSON.readTree(r.out());
    assertThat(body.get("status").asText()).as(r.out()).isEqualTo("success");
    return body.get("data").get("result");
  }

  private static Map<String, Double> values(JsonNode result, String... labels) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (JsonNode r : result) {
      StringBuilder key = new StringBuilder();
      for (String l : labels) {
        key.append(l).append('=').append(r.get("metric").path(l).asText("")).append(' ');
      }
      out.put(key.toString().strip(), r.get("value").get(1).asDouble());
    }
    return out;
  }

  @Test
  void requestsAreCountedAndTheTelemetryOfTheSolutionChangesWhatIsCountedNext() throws Exception {
    Kubectl k = Kubectl.forNewSession("metrics-tags");
    send(k, "productpage-v1", "productpage", "http://details:9080/details/0", 3);
    send(k, "reviews-v2", "reviews", "http://ratings:9080/ratings/0", 2);
    assertThat(values(query(k, BY_PROTOCOL), "destination_workload", "request_protocol"))
        .containsEntry("destination_workload=details-v1 request_protocol=http", 3.0)
        .containsEntry("destination_workload=ratings-v1 request_protocol=http", 2.0);
    assertThat(values(query(k, RATINGS_BYTES), "reporter"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("reporter=source", 2.0, "reporter=destination", 2.0));

    assertThat(k.run("apply", "-f", "labs/metrics-tags/solution").exit()).isZero();
    send(k, "productpage-v1", "productpage", "http://details:9080/details/0", 4);
    send(k, "reviews-v2", "reviews", "http://ratings:9080/ratings/0", 1);
    assertThat(values(query(k, BY_PROTOCOL), "destination_workload", "request_protocol"))
        .as("the series scraped before the change stay; new requests land in series without it")
        .containsEntry("destination_workload=details-v1 request_protocol=http", 3.0)
        .containsEntry("destination_workload=details-v1 request_protocol=", 4.0)
        .containsEntry("destination_workload=ratings-v1 request_protocol=", 1.0);
    assertThat(values(query(k, RATINGS_BYTES), "reporter"))
        .as("ratings' own proxy stopped reporting request sizes; reviews still does")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("reporter=source", 3.0, "reporter=destination", 2.0));
    JsonNode rate =
        query(
            k,
            "query=sum(rate(istio_requests_total{reporter=\"source\","
                + "source_workload=\"productpage-v1\",destination_workload=\"details-v1\"}[30m]))");
    assertThat(rate.get(0).get("value").get(1).asDouble())
        .isCloseTo(7 / 1800.0, org.assertj.core.api.Assertions.within(1e-12));

    String owner = Kubectl.lastUser;
    String path = "/api/sessions/" + k.sessionId + "/prometheus/api/v1/query";
    given()
        .auth()
        .preemptive()
        .basic(owner, Kubectl.PASSWORD)
        .queryParam("query", "sum(istio_requests_total{destination_workload=\"details-v1\"})")
        .get(path)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("success"))
        .body("data.resultType", org.hamcrest.Matchers.equalTo("vector"));
    given()
        .auth()
        .preemptive()
        .basic(owner, Kubectl.PASSWORD)
        .queryParam("query", "sum(istio_requests_total")
        .get(path)
        .then()
        .statusCode(400)
        .body("errorType", org.hamcrest.Matchers.equalTo("bad_data"));
    String stranger = Kubectl.newLearner();
    given()
        .auth()
        .preemptive()
        .basic(stranger, Kubectl.PASSWORD)
        .queryParam("query", "istio_requests_total")
        .get(path)
        .then()
        .statusCode(404);
    given().queryParam("query", "istio_requests_total").get(path).then().statusCode(401);
  }
}

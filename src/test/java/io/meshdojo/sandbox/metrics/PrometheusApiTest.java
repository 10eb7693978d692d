package io.meshdojo.sandbox.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulated Prometheus' query language and JSON, over samples recorded by hand (and stored as
 * the service stores them).
 */
@QuarkusTest
class PrometheusApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A recent whole minute: the store keeps the last 30 minutes of wall-clock time. */
  private static final Instant T0 =
      Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(60);

  private static final Set<String> ALL_TAGS =
      Set.of(
          "reporter",
          "source_workload",
          "destination_workload",
          "response_code",
          "request_protocol");

  @Inject SandboxMetrics metrics;
  @Inject PrometheusApi api;

  /** Each test starts from sandboxes with no samples. */
  @BeforeEach
  void forgetEarlierRuns() {
    for (int i = 1; i <= 8; i++) {
      metrics.forget("s" + i);
    }
  }

  /** A request from productpage to {@code destination}, seen by the destination's proxy. */
  private void request(
      String sandbox, Instant at, String destination, int code, double ms, Set<String> tags) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("reporter", "destination");
    labels.put("source_workload", "productpage-v1");
    labels.put("destination_workload", destination);
    labels.put("response_code", String.valueOf(code));
    labels.put("request_protocol", "http");
    metrics.record(
        sandbox,
        new SandboxMetrics.RequestSample(
            at,
            "destination",
            "bookinfo",
            destination + "-abc",
            labels,
            ms,
            0,
            100,
            Map.of("istio_requests_total", tags, "istio_request_duration_milliseconds", ALL_TAGS)));
  }

  private static String get(String query) {
    return "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private JsonNode query(String sandbox, String q, Instant at) throws Exception {
    PrometheusApi.Reply r = api.http(sandbox, "GET", get(q) + "&time=" + at.getEpochSecond(), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("status").asText()).isEqualTo("success");
    return body.get("data");
  }

  /** The value of a query's only sample. */
  private String single(String sandbox, String q, Instant at) throws Exception {
    JsonNode result = query(sandbox, q, at).get("result");
    assertThat(result).hasSize(1);
    return result.get(0).get("value").get(1).asText();
  }

  private static Map<String, String> byLabel(JsonNode data, String label) {
    Map<String, String> out = new LinkedHashMap<>();
    data.get("result")
        .forEach(r -> out.put(r.get("metric").get(label).asText(), r.get("value").get(1).asText()));
    return out;
  }

  /** details: 6 × 200 at 0–50 s; ratings: 3 × 503 at 5–25 s and one 200 at 100 s. */
  private void traffic(String sandbox) {
    for (int i = 0; i < 6; i++) {
      request(sandbox, T0.plusSeconds(i * 10), "details-v1", 200, 4, ALL_TAGS);
    }
    for (int i = 0; i < 3; i++) {
      request(sandbox, T0.plusSeconds(i * 10 + 5), "ratings-v1", 503, 30, ALL_TAGS);
    }
    request(sandbox, T0.plusSeconds(100), "ratings-v1", 200, 300, ALL_TAGS);
  }

  @Test
  void instantVectorsWithMatchersAnswerInPrometheusShape() throws Exception {
    traffic("s1");
    JsonNode data =
        query(
            "s1",
            "istio_requests_total{destination_workload=\"ratings-v1\", response_code!=\"200\"}",
            T0.plusSeconds(200));
    assertThat(data.get("resultType").asText()).isEqualTo("vector");
    assertThat(data.get("result")).hasSize(1);
    JsonNode only = data.get("result").get(0);
    assertThat(only.get("metric").get("__name__").asText()).isEqualTo("istio_requests_total");
    assertThat(only.get("metric").get("response_code").asText()).isEqualTo("503");
    assertThat(only.get("value").get(0).asLong()).isEqualTo(T0.plusSeconds(200).getEpochSecond());
    assertThat(only.get("value").get(1).asText()).isEqualTo("3");

    assertThat(
            query("s1", "istio_requests_total{response_code=~\"5..\"}", T0.plusSeconds(200))
                .get("result"))
        .hasSize(1);
    assertThat(
            query("s1", "istio_requests_total{response_code!~\"5.*|2.*\"}", T0.plusSeconds(200))
                .get("result"))
        .isEmpty();
    assertThat(query("s1", "istio_requests_total", T0.minusSeconds(1)).get("result"))
        .as("nothing existed before the first request")
        .isEmpty();
  }

  @Test
  void aggregationsGroupByAndWithoutAndDivide() throws Exception {
    traffic("s2");
    JsonNode by =
        query("s2", "sum by (destination_workload) (istio_requests_total)", T0.plusSeconds(200));
    by.get("result").forEach(r -> assertThat(r.get("metric").size()).isEqualTo(1));
    assertThat(byLabel(by, "destination_workload"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("details-v1", "6", "ratings-v1", "4"));

    JsonNode without =
        query(
            "s2",
            "sum(istio_requests_total) without (pod, namespace, response_code, reporter,"
                + " request_protocol, source_workload)",
            T0.plusSeconds(200));
    assertThat(byLabel(without, "destination_workload"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("details-v1", "6", "ratings-v1", "4"));
    assertThat(single("s2", "count(istio_requests_total)", T0.plusSeconds(200))).isEqualTo("3");
    assertThat(
            single(
                "s2",
                "sum(istio_requests_total{response_code=~\"5..\"}) / sum(istio_requests_total)",
                T0.plusSeconds(200)))
        .isEqualTo("0.3");
  }

  @Test
  void rateAndIncreaseCountTheRequestsInTheWindow() throws Exception {
    traffic("s3");
    // the requests at 30, 40 and 50 s fall in (20 s, 50 s]
    assertThat(
            single(
                "s3",
                "sum(increase(istio_requests_total{destination_workload=\"details-v1\"}[30s]))",
                T0.plusSeconds(50)))
        .isEqualTo("3");
    JsonNode rate =
        query(
            "s3",
            "sum by (destination_workload) (rate(istio_requests_total[1m]))",
            T0.plusSeconds(59));
    assertThat(byLabel(rate, "destination_workload"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("details-v1", "0.1", "ratings-v1", "0.05"));
    JsonNode range =
        query("s3", "istio_requests_total{response_code=\"503\"}[1m]", T0.plusSeconds(59));
    assertThat(range.get("resultType").asText()).isEqualTo("matrix");
    assertThat(range.get("result").get(0).get("values")).hasSize(3);
  }

  @Test
  void histogramQuantileInterpolatesWithinTheBucket() throws Exception {
    traffic("s4");
    JsonNode p50 =
        query(
            "s4",
            "histogram_quantile(0.5, sum by (le) (istio_request_duration_milliseconds_bucket))",
            T0.plusSeconds(200));
    // 6 requests of 4 ms (bucket 1–5], 3 of 30 ms, 1 of 300 ms: rank 5 of 10 lies in (1, 5]
    assertThat(p50.get("result").get(0).get("value").get(1).asDouble())
        .isEqualTo(1 + 4 * (5.0 / 6));
    JsonNode sum = query("s4", "sum(istio_request_duration_milliseconds_sum)", T0.plusSeconds(200));
    assertThat(sum.get("result").get(0).get("value").get(1).asText()).isEqualTo("414");
  }

  @Test
  void aTagTheTelemetryRemovesIsNotALabelOfThatMetric() throws Exception {
    request("s5", T0, "details-v1", 200, 4, Set.of("reporter", "destination_workload"));
    JsonNode total = query("s5", "istio_requests_total", T0.plusSeconds(1));
    assertThat(total.get("result").get(0).get("metric").has("request_protocol")).isFalse();
    JsonNode duration = query("s5", "istio_request_duration_milliseconds_count", T0.plusSeconds(1));
    assertThat(duration.get("result").get(0).get("metric").get("request_protocol").asText())
        .isEqualTo("http");
    assertThat(query("s6", "istio_requests_total", T0).get("result"))
        .as("another sandbox's requests")
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "topk(3, istio_requests_total)",
        "sum(istio_requests_total",
        "istio_requests_total{a=~\"(\"}",
        "rate(istio_requests_total)",
        "rate(istio_requests_total[5x])",
        "rate(istio_requests_total[999999999y999999999y999999999y])",
        "istio_requests_total offset 5m",
        "{}",
        "sum by (a) (istio_requests_total[1m])",
        "istio_requests_total{a=\"unterminated}",
        "istio_requests_total and up",
        "1e999999x"
      })
  void unsupportedOrBrokenQueriesAreBadData(String q) throws Exception {
    assertBadData(api.http("s7", "GET", get(q), null), q);
  }

  private static void assertBadData(PrometheusApi.Reply r, String what) throws Exception {
    assertThat(r.status()).as(what).isEqualTo(400);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("status").asText()).isEqualTo("error");
    assertThat(body.get("errorType").asText()).isEqualTo("bad_data");
    assertThat(body.get("error").asText()).isNotBlank();
  }

  @Test
  void deepLongAndMalformedRequestsAreRefusedClearly() throws Exception {
    String deep = "(".repeat(100) + "1" + ")".repeat(100);
    assertBadData(api.http("s8", "GET", get(deep), null), "deep");
    assertBadData(api.http("s8", "GET", get("1+".repeat(1500) + "1"), null), "long");
    assertBadData(api.http("s8", "GET", "/api/v1/query?query=%zz", null), "encoding");
    assertBadData(api.query("s8", "istio_requests_total", "yesterday"), "time");
    assertThat(api.http("s8", "GET", "/api/v1/query_range?query=up", null).status()).isEqualTo(404);
    assertThat(api.http("s8", "DELETE", "/api/v1/query?query=up", null).status()).isEqualTo(405);
    assertThat(api.http("s8", "POST", "/api/v1/query", "query=1%2B2").body())
        .contains("\"resultType\":\"scalar\"")
        .contains("\"3\"");
    assertThat(api.query("s8", "istio_requests_total", T0.toString()).status()).isEqualTo(200);
    assertThat(List.of(PromJson.number(0.1 + 0.2), PromJson.number(Double.NaN)))
        .containsExactly("0.30000000000000004", "NaN");
  }
}

package io.meshdojo.sandbox.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus' instant query API, {@code /api/v1/query?query=…&time=…}, over one sandbox's simulated
 * metrics, answering in Prometheus' JSON shape. Serves both the simulated {@code
 * prometheus.istio-system:9090} that curl reaches inside the sandbox's pods and the lab page's
 * authenticated path. A query it cannot read is a 400 with {@code errorType: bad_data}.
 */
@ApplicationScoped
public class PrometheusApi {

  /** The HTTP answer: status, content type and body. */
  public record Reply(int status, String contentType, String body) {

    static Reply json(int status, String body) {
      return new Reply(status, "application/json", body);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SandboxMetrics metrics;

  public PrometheusApi(SandboxMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * A request as it reaches Prometheus' HTTP server: {@code target} is the path with its query
   * string; a POST's form body carries parameters too.
   */
  public Reply http(String sandbox, String method, String target, String formBody) {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    if (!path.equals("/api/v1/query")) {
      return new Reply(
          404,
          "text/plain; charset=utf-8",
          "404 page not found (this simulated Prometheus answers /api/v1/query only)\n");
    }
    if (!method.equals("GET") && !method.equals("POST")) {
      return new Reply(405, "text/plain; charset=utf-8", "Method Not Allowed\n");
    }
    Map<String, String> params = new LinkedHashMap<>();
    try {
      form(q < 0 ? "" : target.substring(q + 1), params);
      if (method.equals("POST") && formBody != null) {
        form(formBody, params);
      }
    } catch (PromQuery.BadQuery e) {
      return badData(e);
    }
    return query(sandbox, params.get("query"), params.get("time"));
  }

  /** An instant query at {@code time} (Unix seconds or RFC 3339; now when null). */
  public Reply query(String sandbox, String query, String time) {
    try {
      List<SandboxMetrics.RequestSample> samples = metrics.samples(sandbox);
      // The simulated data plane stamps requests with modelled time, which may run slightly ahead
      // of the wall clock: "now" is never before the last request.
      long now =
          samples.isEmpty()
              ? System.currentTimeMillis()
              : Math.max(
                  System.currentTimeMillis(), samples.get(samples.size() - 1).at().toEpochMilli());
      long at = time == null || time.isBlank() ? now : parseTime(time);
      PromQuery.Expr expr = PromQuery.parse(query);
      MetricSeries data = MetricSeries.of(samples);
      PromEngine.Value value = PromEngine.evaluate(expr, data, at);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "success");
      body.put("data", data(value, at));
      return Reply.json(200, write(body));
    } catch (PromQuery.BadQuery e) {
      return badData(e);
    }
  }

  private static Reply badData(PromQuery.BadQuery e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "error");
    body.put("errorType", "bad_data");
    body.put("error", e.getMessage());
    return Reply.json(400, write(body));
  }

  private static Map<String, Object> data(PromEngine.Value value, long at) {
    Map<String, Object> data = new LinkedHashMap<>();
    double t = PromJson.seconds(at);
    if (value instanceof PromEngine.Scalar s) {
      data.put("resultType", "scalar");
      data.put("result", List.of(t, PromJson.number(s.value())));
    } else if (value instanceof PromEngine.Vector v) {
      data.put("resultType", "vector");
      List<Object> result = new ArrayList<>();
      v.samples().stream()
          .sorted(PromEngine.ORDER)
          .forEach(
              s ->
                  result.add(
                      Map.of(
                          "metric", s.labels(), "value", List.of(t, PromJson.number(s.value())))));
      data.put("result", result);
    } else {
      data.put("resultType", "matrix");
      List<Object> result = new ArrayList<>();
      for (PromEngine.Points p : ((PromEngine.Matrix) value).series()) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < p.timesMs().size(); i++) {
          values.add(
              List.of(PromJson.seconds(p.timesMs().get(i)), PromJson.number(p.values().get(i))));
        }
        result.add(Map.of("metric", p.labels(), "values", values));
      }
      data.put("result", result);
    }
    return data;
  }

  private static long parseTime(String time) {
    try {
      return Math.round(Double.parseDouble(time) * 1000);
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(time).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new PromQuery.BadQuery(
            "invalid parameter \"time\": cannot parse \""
                + shorten(time)
                + "\" to a valid timestamp");
      }
    }
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static void form(String encoded, Map<String, String> into) {
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      into.put(name, value);
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new PromQuery.BadQuery("malformed percent-encoding in the request");
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

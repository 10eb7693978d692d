package io.meshdojo.sandbox.metrics;

import com.google.re2j.Pattern;
import io.meshdojo.sandbox.metrics.PromQuery.BadQuery;
import io.meshdojo.sandbox.metrics.PromQuery.Expr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Evaluates a parsed query over a sandbox's series at one instant, as Prometheus' engine does for
 * the supported subset. Regular expressions are RE2 (linear time, fully anchored), as Prometheus'.
 */
final class PromEngine {

  /** What an expression evaluates to. */
  sealed interface Value {}

  record Scalar(double value) implements Value {}

  /** One element of an instant vector. */
  record Sample(Map<String, String> labels, double value) {}

  record Vector(List<Sample> samples) implements Value {}

  /** One series of a range vector: its values at each change within the range. */
  record Points(Map<String, String> labels, List<Long> timesMs, List<Double> values) {}

  record Matrix(List<Points> series) implements Value {}

  private final MetricSeries data;
  private final long atMs;
  private final Map<String, Pattern> regexes = new HashMap<>();

  private PromEngine(MetricSeries data, long atMs) {
    this.data = data;
    this.atMs = atMs;
  }

  static Value evaluate(Expr e, MetricSeries data, long atMs) {
    return new PromEngine(data, atMs).eval(e);
  }

  private Value eval(Expr e) {
    if (e instanceof PromQuery.NumberLiteral n) {
      return new Scalar(n.value());
    }
    if (e instanceof PromQuery.Selector s) {
      return s.rangeMs() == 0 ? instant(s) : range(s);
    }
    if (e instanceof PromQuery.Call c) {
      return call(c);
    }
    if (e instanceof PromQuery.Aggregation a) {
      return aggregate(a);
    }
    if (e instanceof PromQuery.Binary b) {
      return binary(b.op(), eval(b.left()), eval(b.right()));
    }
    return binary('*', new Scalar(-1), eval(((PromQuery.Negation) e).inner()));
  }

  private Vector instant(PromQuery.Selector s) {
    List<Sample> out = new ArrayList<>();
    for (var series : matching(s)) {
      double value = 0;
      boolean seen = false;
      for (MetricSeries.Step step : series.getValue()) {
        if (step.atMs() <= atMs) {
          value += step.delta();
          seen = true;
        }
      }
      if (seen) {
        out.add(new Sample(series.getKey(), value));
      }
    }
    return new Vector(out);
  }

  private Matrix range(PromQuery.Selector s) {
    List<Points> out = new ArrayList<>();
    long from = atMs - s.rangeMs();
    for (var series : matching(s)) {
      double value = 0;
      List<Long> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (MetricSeries.Step step : series.getValue()) {
        if (step.atMs() > atMs) {
          break;
        }
        value += step.delta();
        if (step.atMs() > from) {
          times.add(step.atMs());
          values.add(value);
        }
      }
      if (!times.isEmpty()) {
        out.add(new Points(series.getKey(), times, values));
      }
    }
    return new Matrix(out);
  }

  /** Exact increase over the window for each series that existed at the evaluation time. */
  private Vector increase(PromQuery.Selector s, boolean perSecond) {
    List<Sample> out = new ArrayList<>();
    long from = atMs - s.rangeMs();
    for (var series : matching(s)) {
      double increase = 0;
      boolean existed = false;
      for (MetricSeries.Step step : series.getValue()) {
        if (step.atMs() > atMs) {
          break;
        }
        existed = true;
        if (step.atMs() > from) {
          increase += step.delta();
        }
      }
      if (existed) {
        double v = perSecond ? increase / (s.rangeMs() / 1000.0) : increase;
        out.add(new Sample(withoutName(series.getKey()), v));
      }
    }
    return new Vector(out);
  }

  private List<Map.Entry<Map<String, String>, List<MetricSeries.Step>>> matching(
      PromQuery.Selector s) {
    List<Map.Entry<Map<String, String>, List<MetricSeries.Step>>> out = new ArrayList<>();
    for (var series : data.all().entrySet()) {
      if (s.matchers().stream().allMatch(m -> matches(m, series.getKey()))) {
        out.add(series);
      }
    }
    return out;
  }

  private boolean matches(PromQuery.Matcher m, Map<String, String> labels) {
    String value = labels.getOrDefault(m.label(), "");
    return switch (m.op()) {
      case "=" -> value.equals(m.value());
      case "!=" -> !value.equals(m.value());
      case "=~" -> regex(m.value()).matches(value);
      default -> !regex(m.value()).matches(value);
    };
  }

  private Pattern regex(String re) {
    return regexes.computeIfAbsent(re, PromQuery::regex);
  }

  private Value call(PromQuery.Call c) {
    if (c.function().equals("histogram_quantile")) {
      Value phi = eval(c.args().get(0));
      Value buckets = eval(c.args().get(1));
      if (!(phi instanceof Scalar q) || !(buckets instanceof Vector v)) {
        throw new BadQuery(
            "histogram_quantile takes a number and an instant vector of _bucket series");
      }
      return Histograms.quantile(q.value(), v);
    }
    if (!(c.args().get(0) instanceof PromQuery.Selector s) || s.rangeMs() == 0) {
      throw new BadQuery(
          "expected type range vector in call to function \""
              + c.function()
              + "\", got instant vector (write it as "
              + c.function()
              + "(metric[1m]))");
    }
    return increase(s, c.function().equals("rate"));
  }

  private Vector aggregate(PromQuery.Aggregation a) {
    if (!(eval(a.inner()) instanceof Vector v)) {
      throw new BadQuery(
          "expected an instant vector in aggregation \"" + a.op() + "\" (a range needs rate(...))");
    }
    Map<Map<String, String>, List<Double>> groups = new LinkedHashMap<>();
    for (Sample s : v.samples()) {
      Map<String, String> key = new TreeMap<>();
      s.labels()
          .forEach(
              (k, val) -> {
                boolean listed = a.labels().contains(k);
                if (!k.equals("__name__") && (a.without() != listed)) {
                  key.put(k, val);
                }
              });
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s.value());
    }
    List<Sample> out = new ArrayList<>();
    groups.forEach(
        (key, values) -> {
          double r =
              switch (a.op()) {
                case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
                case "count" -> values.size();
                case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                default -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
              };
          out.add(new Sample(key, r));
        });
    return new Vector(out);
  }

  private static Value binary(char op, Value left, Value right) {
    BiFunction<Double, Double, Double> f =
        switch (op) {
          case '+' -> Double::sum;
          case '-' -> (x, y) -> x - y;
          case '*' -> (x, y) -> x * y;
          default -> (x, y) -> x / y;
        };
    if (left instanceof Matrix || right instanceof Matrix) {
      throw new BadQuery("binary expressions need instant vectors or numbers, not ranges");
    }
    if (left instanceof Scalar l && right instanceof Scalar r) {
      return new Scalar(f.apply(l.value(), r.value()));
    }
    if (left instanceof Vector l && right instanceof Scalar r) {
      return new Vector(
          l.samples().stream()
              .map(s -> new Sample(withoutName(s.labels()), f.apply(s.value(), r.value())))
              .toList());
    }
    if (left instanceof Scalar l && right instanceof Vector r) {
      return new Vector(
          r.samples().stream()
              .map(s -> new Sample(withoutName(s.labels()), f.apply(l.value(), s.value())))
              .toList());
    }
    Vector l = (Vector) left;
    Map<Map<String, String>, Double> rights = new HashMap<>();
    for (Sample s : ((Vector) right).samples()) {
      if (rights.put(withoutName(s.labels()), s.value()) != null) {
        throw new BadQuery(
            "many-to-many matching not allowed: aggregate both sides to the same labels first");
      }
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : l.samples()) {
      Map<String, String> key = withoutName(s.labels());
      Double r = rights.get(key);
      if (r != null) {
        out.add(new Sample(key, f.apply(s.value(), r)));
      }
    }
    return new Vector(out);
  }

  static Map<String, String> withoutName(Map<String, String> labels) {
    Map<String, String> out = new TreeMap<>(labels);
    out.remove("__name__");
    return out;
  }

  /** Samples in a stable order: by their labels. */
  static final Comparator<Sample> ORDER = Comparator.comparing(s -> s.labels().toString());
}

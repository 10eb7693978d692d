package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.dataplane.Network.Exchange;
import io.meshdojo.sandbox.dataplane.Shell.Io;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * fortio, the load generator of Istio's samples, as the labs run it: {@code fortio load -c C -qps Q
 * -n N [-t D] [-loglevel L] [-H 'Name: value'] [-X M] [-payload P] URL} and {@code fortio curl
 * URL}. Each call is one request answered by the mesh ({@link Network}) under C concurrent
 * connections, so a DestinationRule's connection pool overflows as the grader's model says: the
 * share beyond {@code maxConnections + http1MaxPendingRequests} answers 503 with flag {@code UO},
 * spread exactly over the calls. Time is modelled: C connections share the calls, each taking its
 * answer's modelled latency (or 1/qps per connection, whichever is longer). The summary keeps
 * fortio's own layout for what the labs read (codes, percentiles, "All done").
 */
final class Fortio implements Shell.Program {

  static final String VERSION = "1.69.5";

  /** Flags that take a value, with fortio's defaults where the simulation reads them. */
  private static final Set<String> WITH_VALUE =
      Set.of(
          "c",
          "qps",
          "n",
          "t",
          "loglevel",
          "H",
          "X",
          "payload",
          "content-type",
          "timeout",
          "p",
          "r",
          "user-agent");

  /** Real fortio flags the simulation does not model: refused plainly, not as unknown. */
  private static final Set<String> NOT_MODELLED =
      Set.of(
          "grpc",
          "h2",
          "json",
          "a",
          "k",
          "https-insecure",
          "stdclient",
          "ping",
          "s",
          "jitter",
          "uniform",
          "sequential-warmup",
          "connection-reuse",
          "keepalive",
          "httpbufferkb",
          "resolve",
          "cacert",
          "cert",
          "key",
          "payload-file",
          "payload-size",
          "log-errors");

  /** fortio's histogram buckets (seconds) up to 10 s, the modelled limit of a command. */
  private static final double[] BUCKETS = {
    0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01, 0.011, 0.012, 0.014, 0.016,
    0.018, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.12, 0.14,
    0.16, 0.18, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 2, 3, 4, 5, 7.5, 10
  };

  private static final double[] PERCENTILES = {50, 75, 90, 99, 99.9};

  private final Network network;

  Fortio(Network network) {
    this.network = network;
  }

  /** What one call got: the HTTP status (-1 when no answer came) and its modelled time. */
  private record Result(int code, long ms, int headerBytes, int bodyBytes) {}

  @Override
  public int run(Shell shell, List<String> args, Io io) {
    if (args.isEmpty()) {
      io.err.append(usage()).append("Error: fortio needs a command as the first argument\n");
      return 1;
    }
    String command = args.get(0);
    switch (command) {
      case "version" -> {
        io.out.append(VERSION).append('\n');
        return 0;
      }
      case "help", "-h", "--help" -> {
        io.out.append(usage());
        return 0;
      }
      case "load", "curl" -> {
        Map<String, String> flags = new TreeMap<>();
        List<String> headers = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        Integer bad = parse(args.subList(1, args.size()), flags, headers, rest, io);
        if (bad != null) {
          return bad;
        }
        if (rest.size() != 1) {
          io.err
              .append(usage())
              .append("Error: fortio ")
              .append(command)
              .append(" needs a url or destination\n");
          return 1;
        }
        return command.equals("curl")
            ? curl(shell, flags, headers, rest.get(0), io)
            : load(shell, flags, headers, rest.get(0), io);
      }
      default -> {
        io.err.append(usage()).append("Error: unknown command \"").append(command).append("\"\n");
        return 1;
      }
    }
  }

  private static String usage() {
    return "Φορτίο "
        + VERSION
        + " usage:\n"
        + "    fortio command [flags] target\n"
        + "where command is one of: load (load testing), curl (single URL debug), version.\n"
        + "(Mesh Dojo's simulated pods run fortio load and fortio curl over HTTP.)\n";
  }

  /** Go's flag syntax: {@code -name value}, {@code -name=value}, {@code --name}; flags first. */
  private static Integer parse(
      List<String> args,
      Map<String, String> flags,
      List<String> headers,
      List<String> rest,
      Io io) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!rest.isEmpty() || !a.startsWith("-") || a.equals("-")) {
        rest.add(a);
        continue;
      }
      if (a.equals("--")) {
        rest.addAll(args.subList(i + 1, args.size()));
        break;
      }
      String name = a.replaceFirst("^--?", "");
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (NOT_MODELLED.contains(name)) {
        io.err
            .append("meshdojo: fortio's -")
            .append(name)
            .append(" is not modelled in the simulated pods (they run HTTP/1.1 load and curl)\n");
        return 1;
      }
      if (!WITH_VALUE.contains(name)) {
        io.err.append("flag provided but not defined: -").append(name).append('\n').append(usage());
        return 2;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          io.err.append("flag needs an argument: -").append(name).append('\n').append(usage());
          return 2;
        }
        value = args.get(++i);
      }
      if (name.equals("H")) {
        headers.add(value);
      } else {
        flags.put(name, value);
      }
    }
    return null;
  }

  private int curl(
      Shell shell, Map<String, String> flags, List<String> headers, String url, Io io) {
    Curl.Target target;
    try {
      target = Curl.Target.of(url);
    } catch (IllegalArgumentException e) {
      io.err.append("Error: bad url ").append(url).append('\n');
      return 1;
    }
    Exchange ex = network.send(call(target, flags, headers));
    shell.budget().spend(ex.latencyMs());
    if (ex.result() != Network.Result.RESPONSE) {
      io.err.append(failure(ex, target)).append('\n');
      return 1;
    }
    io.out
        .append("HTTP/1.1 ")
        .append(ex.status())
        .append(' ')
        .append(HttpStatus.reason(ex.status()));
    io.out.append("\r\n");
    for (Map.Entry<String, String> h : ex.headers()) {
      io.out.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    io.out.append("\r\n").append(ex.body());
    return 0;
  }

  private int load(
      Shell shell, Map<String, String> flags, List<String> headers, String url, Io io) {
    Curl.Target target;
    int connections;
    double qps;
    long durationMs;
    Integer calls;
    try {
      target = Curl.Target.of(url);
      connections = Integer.parseInt(flags.getOrDefault("c", "4"));
      qps = Double.parseDouble(flags.getOrDefault("qps", "8"));
      durationMs = durationMs(flags.getOrDefault("t", "5s"));
      calls = flags.containsKey("n") ? Integer.valueOf(flags.get("n")) : null;
    } catch (IllegalArgumentException e) {
      io.err.append("Error: ").append(e.getMessage()).append('\n');
      return 1;
    }
    connections = Math.max(1, connections);
    boolean maxSpeed = qps <= 0;
    if (calls == null && !maxSpeed) {
      calls = (int) Math.round(qps * durationMs / 1000.0);
    }
    String level = flags.getOrDefault("loglevel", "Info");
    boolean warnings =
        !Set.of("error", "critical", "fatal").contains(level.toLowerCase(Locale.ROOT));
    io.out
        .append("Fortio ")
        .append(VERSION)
        .append(" running at ")
        .append(number(maxSpeed ? 0 : qps))
        .append(" queries per second, 2->2 procs")
        .append(calls == null ? ", for " + seconds(durationMs) : ", for " + calls + " calls")
        .append(": ")
        .append(url)
        .append('\n');
    if (calls != null) {
      io.out
          .append("Starting at ")
          .append(maxSpeed ? "max qps" : number(qps) + " qps")
          .append(" with ")
          .append(connections)
          .append(" thread(s) [gomax 2] for exactly ")
          .append(calls)
          .append(" calls (")
          .append(calls / connections)
          .append(" per thread + ")
          .append(calls % connections)
          .append(")\n");
    } else {
      io.out
          .append("Starting at max qps with ")
          .append(connections)
          .append(" thread(s) [gomax 2] for ")
          .append(seconds(durationMs))
          .append('\n');
    }
    // Each connection runs its share of the calls one after the other; pacing at qps/c per
    // connection when a rate is set.
    long[] busyMs = new long[connections];
    long paceMs = maxSpeed ? 0 : Math.round(1000.0 * connections / qps);
    List<Result> results = new ArrayList<>();
    Network.Call call = call(target, flags, headers);
    for (int i = 0; calls == null || i < calls; i++) {
      int thread = i % connections;
      if (calls == null && busyMs[thread] >= durationMs) {
        break;
      }
      shell.budget().iterate();
      Exchange ex = network.send(call, connections);
      long ms = Math.max(ex.latencyMs(), 0);
      busyMs[thread] += Math.max(ms, paceMs);
      Result r =
          ex.result() == Network.Result.RESPONSE
              ? new Result(ex.status(), ms, headerBytes(ex), ex.body().length())
              : new Result(-1, ms, 0, 0);
      results.add(r);
      if (warnings && r.code() != 200) {
        io.err
            .append("{\"ts\":")
            .append(number(System.currentTimeMillis() / 1000.0))
            .append(",\"level\":\"warn\",\"r\":")
            .append(thread + 1)
            .append(",\"file\":\"http_client.go\",\"line\":1151,\"msg\":\"Non ok http code\"")
            .append(",\"code\":")
            .append(r.code())
            .append(",\"status\":\"HTTP/1.1 ")
            .append(r.code())
            .append("\",\"thread\":")
            .append(thread)
            .append(",\"run\":")
            .append(i / connections)
            .append("}\n");
      }
    }
    long wallMs = 0;
    for (long b : busyMs) {
      wallMs = Math.max(wallMs, b);
    }
    shell.budget().spend(wallMs);
    summary(io.out, results, wallMs, connections, target);
    return 0;
  }

  private static Network.Call call(Curl.Target target, Map<String, String> flags, List<String> h) {
    String payload = flags.get("payload");
    String method = flags.getOrDefault("X", payload != null ? "POST" : "GET");
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Host", target.hostHeader()));
    headers.add(
        Map.entry("User-Agent", flags.getOrDefault("user-agent", "fortio.org/fortio-" + VERSION)));
    if (payload != null) {
      headers.add(
          Map.entry(
              "Content-Type", flags.getOrDefault("content-type", "application/octet-stream")));
    }
    for (String header : h) {
      int colon = header.indexOf(':');
      if (colon > 0) {
        String name = header.substring(0, colon).strip();
        headers.removeIf(e -> e.getKey().equalsIgnoreCase(name));
        headers.add(Map.entry(name, header.substring(colon + 1).strip()));
      }
    }
    return new Network.Call(
        target.https(),
        target.host(),
        target.port(),
        null,
        method,
        target.path(),
        headers,
        payload,
        null,
        0,
        false);
  }

  private static String failure(Exchange ex, Curl.Target target) {
    return switch (ex.result()) {
      case UNRESOLVED -> "Error: unable to resolve " + target.host();
      case REFUSED -> "Error: unable to connect to " + target.host() + ":" + target.port();
      default -> "Error: unable to read the response from " + target.host();
    };
  }

  private static int headerBytes(Exchange ex) {
    int bytes =
        ("HTTP/1.1 " + ex.status() + " " + HttpStatus.reason(ex.status()) + "\r\n").length();
    for (Map.Entry<String, String> h : ex.headers()) {
      bytes += h.getKey().length() + 2 + h.getValue().length() + 2;
    }
    return bytes + 2;
  }

  private static void summary(
      StringBuilder out, List<Result> results, long wallMs, int connections, Curl.Target target) {
    int n = results.size();
    double qps = wallMs == 0 ? 0 : n * 1000.0 / wallMs;
    out.append("Ended after ")
        .append(number(wallMs))
        .append("ms : ")
        .append(n)
        .append(" calls. qps=")
        .append(number(round(qps, 2)))
        .append('\n');
    List<Double> times = results.stream().map(r -> r.ms() / 1000.0).toList();
    out.append("Aggregated Function Time : ").append(stats(times)).append('\n');
    histogram(out, times);
    List<Double> errors =
        results.stream().filter(r -> r.code() != 200).map(r -> r.ms() / 1000.0).toList();
    out.append("Error cases : ").append(errors.isEmpty() ? "no data" : stats(errors)).append('\n');
    out.append("# Socket and IP used for each connection:\n");
    for (int c = 0; c < connections && c < n; c++) {
      out.append('[')
          .append(c)
          .append("]   1 socket used, resolved to ")
          .append(target.host())
          .append(':')
          .append(target.port())
          .append('\n');
    }
    out.append("Sockets used: ")
        .append(Math.min(connections, n))
        .append(" (for perfect keepalive, would be ")
        .append(connections)
        .append(")\n");
    out.append("Uniform: false, Jitter: false, Catchup allowed: true\n");
    Map<Integer, Integer> codes = new TreeMap<>();
    for (Result r : results) {
      codes.merge(r.code(), 1, Integer::sum);
    }
    for (Map.Entry<Integer, Integer> c : codes.entrySet()) {
      out.append("Code ")
          .append(c.getKey())
          .append(" : ")
          .append(c.getValue())
          .append(" (")
          .append(String.format(Locale.ROOT, "%.1f", 100.0 * c.getValue() / n))
          .append(" %)\n");
    }
    out.append("Response Header Sizes : ")
        .append(stats(results.stream().map(r -> (double) r.headerBytes()).toList()))
        .append('\n');
    out.append("Response Body/Total Sizes : ")
        .append(
            stats(results.stream().map(r -> (double) (r.headerBytes() + r.bodyBytes())).toList()))
        .append('\n');
    double avgMs = times.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 1000;
    out.append("All done ")
        .append(n)
        .append(" calls (plus 0 warmup) ")
        .append(String.format(Locale.ROOT, "%.3f", avgMs))
        .append(" ms avg, ")
        .append(String.format(Locale.ROOT, "%.1f", qps))
        .append(" qps\n");
  }

  /** fortio's one-line statistics: count, average ± standard deviation, min, max, sum. */
  private static String stats(List<Double> values) {
    if (values.isEmpty()) {
      return "count 0 avg NaN +/- NaN min 0 max 0 sum 0";
    }
    double sum = 0;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double avg = sum / values.size();
    double sq = 0;
    for (double v : values) {
      sq += (v - avg) * (v - avg);
    }
    double sd = Math.sqrt(sq / values.size());
    return "count "
        + values.size()
        + " avg "
        + number(round(avg, 7))
        + " +/- "
        + number(round(sd, 4))
        + " min "
        + number(min)
        + " max "
        + number(max)
        + " sum "
        + number(round(sum, 7));
  }

  /** The non-empty buckets and the percentiles, interpolated within a bucket as fortio does. */
  private static void histogram(StringBuilder out, List<Double> values) {
    out.append("# range, mid point, percentile, count\n");
    if (values.isEmpty()) {
      return;
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    int[] counts = new int[BUCKETS.length + 1];
    for (double v : values) {
      counts[bucket(v)]++;
    }
    List<double[]> ranges = new ArrayList<>();
    int seen = 0;
    boolean first = true;
    for (int b = 0; b < counts.length; b++) {
      if (counts[b] == 0) {
        continue;
      }
      double low = Math.max(min, b == 0 ? min : BUCKETS[b - 1]);
      double high = Math.min(max, b < BUCKETS.length ? BUCKETS[b] : max);
      seen += counts[b];
      out.append(first ? ">= " : "> ")
          .append(number(low))
          .append(" <= ")
          .append(number(high))
          .append(" , ")
          .append(number(round((low + high) / 2, 7)))
          .append(" , ")
          .append(String.format(Locale.ROOT, "%.2f", 100.0 * seen / values.size()))
          .append(", ")
          .append(counts[b])
          .append('\n');
      ranges.add(new double[] {low, high, seen - counts[b], seen});
      first = false;
    }
    for (double p : PERCENTILES) {
      double rank = p / 100 * values.size();
      double at = max;
      for (double[] r : ranges) {
        if (rank <= r[3]) {
          double within = r[3] == r[2] ? 1 : (rank - r[2]) / (r[3] - r[2]);
          at = r[0] + (r[1] - r[0]) * within;
          break;
        }
      }
      out.append("# target ").append(number(p)).append("% ").append(number(round(at, 7)));
      out.append('\n');
    }
  }

  private static int bucket(double v) {
    for (int b = 0; b < BUCKETS.length; b++) {
      if (v <= BUCKETS[b]) {
        return b;
      }
    }
    return BUCKETS.length;
  }

  /** A Go duration such as {@code 5s}, {@code 1m30s}, {@code 250ms}. */
  static long durationMs(String text) {
    var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(text);
    double total = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      double v = Double.parseDouble(m.group(1));
      total +=
          switch (m.group(2)) {
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> v * 3_600_000;
          };
      end = m.end();
    }
    if (end != text.length() || text.isEmpty()) {
      throw new IllegalArgumentException("invalid value \"" + text + "\" for flag -t");
    }
    return Math.round(total);
  }

  private static String seconds(long ms) {
    return number(ms / 1000.0) + "s";
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}

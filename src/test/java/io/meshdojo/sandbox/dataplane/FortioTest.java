package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** fortio's summary, modelled time and limits, without a server. */
class FortioTest {

  private final List<Integer> concurrency = new ArrayList<>();

  /**
   * A network whose answers take 2 ms, every third (at 3 connections) or none answering 503 after 1
   * ms, as a pool of capacity 2 would.
   */
  private final Network network =
      new Network() {
        @Override
        public Exchange send(Call call) {
          return send(call, 1);
        }

        @Override
        public Exchange send(Call call, int connections) {
          concurrency.add(connections);
          boolean overflow = connections > 2 && concurrency.size() % connections == 0;
          return new Exchange(
              Result.RESPONSE,
              overflow ? 503 : 200,
              List.of(Map.entry("server", "envoy")),
              overflow ? "upstream connect error" : "{\"url\": \"" + call.host() + "\"}",
              overflow ? 1 : 2,
              "10.96.0.30",
              null);
        }
      };

  private record Run(String out, String err, int exit, long elapsedMs) {}

  private Run sh(String script) {
    Map<String, Shell.Program> programs = new LinkedHashMap<>();
    programs.put("fortio", new Fortio(network));
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Shell.Budget budget = new Shell.Budget(64 * 1024, out);
    Shell shell = new Shell(programs, Map.of(), budget);
    int exit;
    try {
      exit = shell.runScript(script, new Shell.Io("", out, err));
    } catch (Shell.LimitReached e) {
      err.append(e.getMessage());
      exit = PodShell.LIMIT_EXIT;
    }
    return new Run(out.toString(), err.toString(), exit, budget.elapsedMs());
  }

  @Test
  void theSummaryCountsCodesAndPercentilesInFortiosLayout() {
    Run r = sh("fortio load -c 3 -qps 0 -n 30 -loglevel Warning http://httpbin:8000/get");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(concurrency).hasSize(30).containsOnly(3);
    assertThat(r.out())
        .startsWith(
            "Fortio 1.69.5 running at 0 queries per second, 2->2 procs, for 30 calls:"
                + " http://httpbin:8000/get\n"
                + "Starting at max qps with 3 thread(s) [gomax 2] for exactly 30 calls"
                + " (10 per thread + 0)\n")
        .contains("Aggregated Function Time : count 30 avg 0.0016667 +/- 0.0005 min 0.001")
        .contains("# range, mid point, percentile, count\n")
        .contains(">= 0.001 <= 0.001 , 0.001 , 33.33, 10\n")
        .contains("> 0.001 <= 0.002 , 0.0015 , 100.00, 20\n")
        .contains("# target 50% 0.00125\n")
        .contains("# target 99.9% 0.0019985\n")
        .contains("Error cases : count 10 avg 0.001 +/- 0 min 0.001 max 0.001 sum 0.01\n")
        .contains("Code 200 : 20 (66.7 %)\nCode 503 : 10 (33.3 %)\n")
        .endsWith("All done 30 calls (plus 0 warmup) 1.667 ms avg, 1500.0 qps\n");
    // Each connection runs its ten calls in turn: the busiest took 20 ms of modelled time.
    assertThat(r.out()).contains("Ended after 20ms : 30 calls. qps=1500\n");
    assertThat(r.elapsedMs()).isEqualTo(20);
    assertThat(r.err().lines()).hasSize(10).allSatisfy(l -> assertThat(l).contains("\"code\":503"));
  }

  @Test
  void aRateSpreadsTheCallsOverTheDurationAndQuietLogLevelsWriteNoWarnings() {
    Run r = sh("fortio load -c 2 -qps 10 -t 2s -loglevel Error http://httpbin:8000/get");
    assertThat(r.out())
        .contains("for 20 calls")
        .contains("Starting at 10 qps with 2 thread(s)")
        .contains("Code 200 : 20 (100.0 %)");
    assertThat(r.elapsedMs()).isEqualTo(2000);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void fortioStopsAtTheShellsLimitsAndRefusesWhatItCannotRun() {
    Run endless = sh("fortio load -c 1 -qps 0 -t 1h http://httpbin:8000/get");
    assertThat(endless.exit()).isEqualTo(PodShell.LIMIT_EXIT);
    assertThat(endless.err()).contains("stopped after 1000 loop iterations");

    Run badDuration = sh("fortio load -t soon http://httpbin:8000/get");
    assertThat(badDuration.exit()).isEqualTo(1);
    assertThat(badDuration.err()).isEqualTo("Error: invalid value \"soon\" for flag -t\n");

    Run unknown = sh("fortio bogus");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err())
        .startsWith("Φορτίο 1.69.5 usage:")
        .endsWith("Error: unknown command \"bogus\"\n");
    assertThat(sh("fortio version").out()).isEqualTo("1.69.5\n");
    assertThatThrownBy(() -> Fortio.durationMs("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Fortio.durationMs("1m30s")).isEqualTo(90_000);
    assertThat(Fortio.durationMs("250ms")).isEqualTo(250);
  }
}

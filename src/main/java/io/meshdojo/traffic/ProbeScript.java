package io.meshdojo.traffic;

import io.meshdojo.grader.api.BehaviourProbes.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command that sends a probe's requests for real, run in the toolbox pod's shell. Routing rules
 * apply in the client's sidecar, so the requests must leave from the probe's source workload: the
 * toolbox (outside the mesh) runs {@code kubectl exec} into that workload's Deployment (its default
 * container, which Istio's injector sets to the application's) and a loop there sends the requests
 * with curl, or with Python where the image has no curl (Bookinfo's productpage). Each request
 * prints one line {@code MDJ <status> <podname or ->}: the pod name comes from a {@code "podname"}
 * field of the response body, which Bookinfo's reviews service writes; other services' responses
 * are counted by status only.
 */
public final class ProbeScript {

  /** Printed by the loop for each request. */
  static final String LINE = "MDJ";

  /** Printed when the source container has neither curl nor Python. */
  static final String NO_CLIENT = "MDJ-NO-CLIENT";

  private static final String PYTHON =
      """
      import re, sys, time, urllib.request as u
      n, end, method, url = int(sys.argv[1]), time.time() + int(sys.argv[2]), sys.argv[3], sys.argv[4]
      headers = dict(h.split(": ", 1) for h in sys.argv[5:])
      for _ in range(n):
          if time.time() >= end:
              break
          try:
              r = u.urlopen(u.Request(url, method=method, headers=headers), timeout=10)
              code, body = r.status, r.read()
          except u.HTTPError as e:
              code, body = e.code, e.read()
          except Exception:
              code, body = 0, b""
          pod = re.search(rb"\\"podname\\" *: *\\"([^\\"]+)\\"", body)
          print("MDJ", code, pod.group(1).decode() if pod else "-", flush=True)
      """;

  private ProbeScript() {}

  /**
   * Why a probe cannot be sent for real, as a code the page names in its language: {@code dubbo}
   * (no Dubbo client in the workloads), {@code gateway} (the request must enter through, or leave
   * from, the ingress gateway, whose identity and listeners a client elsewhere cannot take).
   */
  public static Optional<String> notSendable(Probe p) {
    if (p.dubbo()) {
      return Optional.of("dubbo");
    }
    if (p.gatewayPort() != null || p.from().startsWith("istio-system/")) {
      return Optional.of("gateway");
    }
    return Optional.empty();
  }

  /**
   * The argv to run in the toolbox's shell container: {@code requests} requests of the probe, one
   * after the other, each given at most 10 s (a fault delay of a few seconds still gets its
   * answer); no request starts after {@code seconds}, so a slow probe reports fewer requests
   * instead of outliving the call.
   */
  public static List<String> command(Probe p, int requests, int seconds) {
    if (notSendable(p).isPresent()) {
      throw new IllegalArgumentException("probe cannot be sent: " + notSendable(p).get());
    }
    int slash = p.from().indexOf('/');
    String namespace = p.from().substring(0, slash);
    String workload = p.from().substring(slash + 1);
    String url = "http://" + p.host() + ":" + p.port() + p.path();
    StringBuilder headerArgs = new StringBuilder();
    StringBuilder pythonArgs = new StringBuilder();
    for (Map.Entry<String, String> h : new java.util.TreeMap<>(p.headers()).entrySet()) {
      String header = quote(h.getKey() + ": " + h.getValue());
      headerArgs.append(" -H ").append(header);
      pythonArgs.append(' ').append(header);
    }
    String script =
        "n="
            + requests
            + "; seconds="
            + seconds
            + "; end=$(( $(date +%s) + seconds ))"
            + "; method="
            + quote(p.method())
            + "; url="
            + quote(url)
            + "\n"
            + "if command -v curl >/dev/null 2>&1; then\n"
            + "  i=0\n"
            + "  while [ \"$i\" -lt \"$n\" ] && [ \"$(date +%s)\" -lt \"$end\" ]; do\n"
            + "    i=$((i+1))\n"
            + "    out=$(curl -s -m 10 -X \"$method\""
            + headerArgs
            + " -w '\\n%{http_code}' \"$url\")\n"
            + "    code=$(printf '%s\\n' \"$out\" | tail -n 1)\n"
            + "    pod=$(printf '%s\\n' \"$out\" | grep -o '\"podname\" *: *\"[^\"]*\"' | head -n 1"
            + " | sed 's/.*\"\\([^\"]*\\)\"$/\\1/')\n"
            + "    echo \""
            + LINE
            + " $code ${pod:--}\"\n"
            + "  done\n"
            + "elif command -v python3 >/dev/null 2>&1; then\n"
            + "  python3 -c "
            + quote(PYTHON)
            + " \"$n\" \"$seconds\" \"$method\" \"$url\""
            + pythonArgs
            + "\n"
            + "else\n"
            + "  echo "
            + NO_CLIENT
            + "\n"
            + "fi\n";
    List<String> argv = new ArrayList<>();
    argv.addAll(List.of("kubectl", "exec", "-n", namespace, "deploy/" + workload, "--"));
    argv.addAll(List.of("sh", "-c", script));
    return argv;
  }

  /** A POSIX shell single-quoted word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}

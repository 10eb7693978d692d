package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated pod shell: parsing, loops, pipes, limits and curl's options, without a server. */
class ShellTest {

  private final List<Network.Call> sent = new ArrayList<>();

  /** A network whose every host answers 200 with a body naming the host, after 5 ms. */
  private Network.Exchange echoHost(Network.Call call) {
    sent.add(call);
    if (call.host().equals("nowhere")) {
      return Network.Exchange.failure(Network.Result.UNRESOLVED, null, null);
    }
    if (call.host().equals("strict")) {
      return Network.Exchange.failure(Network.Result.RESET, "10.96.0.21", null);
    }
    if (call.host().equals("unknown-sni")) {
      return Network.Exchange.failure(Network.Result.TLS_FAILED, "10.96.0.22", null);
    }
    int status =
        call.path().startsWith("/status/") ? Integer.parseInt(call.path().substring(8)) : 200;
    long latency = call.path().equals("/slow") ? 3000 : 5;
    return new Network.Exchange(
        Network.Result.RESPONSE,
        status,
        List.of(Map.entry("content-type", "text/plain")),
        "hello from " + call.host() + "\n",
        latency,
        "10.96.0.20",
        null);
  }

  private record Run(String out, String err, int exit) {}

  private Run sh(String script) {
    Map<String, Shell.Program> programs = new LinkedHashMap<>();
    TextPrograms.install(programs, Map.of("/etc/resolv.conf", "nameserver 10.96.0.10\n"));
    programs.put("curl", new Curl(this::echoHost));
    programs.put("xargs", new Xargs());
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Shell shell =
        new Shell(programs, Map.of("HOSTNAME", "ratings-v1-abc-xyz"), new Shell.Budget(4096, out));
    int exit;
    try {
      exit = shell.runScript(script, new Shell.Io("", out, err));
    } catch (Shell.LimitReached e) {
      err.append(e.getMessage());
      exit = PodShell.LIMIT_EXIT;
    }
    return new Run(out.toString(), err.toString(), exit);
  }

  @Test
  void xargsRunsAProgramPerItemAsTheLabsBurstsDo() {
    Run burst =
        sh(
            "seq 1 5 | xargs -P 10 -I{} curl -s -o /dev/null -w \"%{http_code} {}\\n\""
                + " http://reviews:9080/status/20{}");
    assertThat(burst.out()).isEqualTo("201 1\n202 2\n203 3\n204 4\n205 5\n");
    assertThat(sent).hasSize(5).allSatisfy(c -> assertThat(c.host()).isEqualTo("reviews"));
    assertThat(sh("echo a b c | xargs -n 2 echo x").out()).isEqualTo("x a b\nx c\n");
    assertThat(sh("echo a b | xargs").out()).isEqualTo("a b\n");
    assertThat(sh("echo a | xargs nosuch"))
        .isEqualTo(new Run("", "xargs: nosuch: No such file or directory\n", 127));
    assertThat(sh("echo a | xargs -Q x").exit()).isEqualTo(1);
    assertThat(sh("seq 1 2000 | xargs -n 1 echo").err()).contains("1000 loop iterations");
  }

  @Test
  void curlConnectsWhereConnectToSaysKeepingTheNameAndSendsItsCertificate() {
    sh(
        "curl -sk --cert c.pem --key k.pem --connect-to api.example.com:443:gw.istio-system:443"
            + " https://api.example.com/headers");
    Network.Call call = sent.get(0);
    assertThat(call.host()).isEqualTo("api.example.com");
    assertThat(call.dialledHost()).isEqualTo("gw.istio-system");
    assertThat(call.dialledPort()).isEqualTo(443);
    assertThat(call.clientCert()).isTrue();
    sh("curl -s --connect-to other:443:gw:443 https://api.example.com/");
    assertThat(sent.get(1).dialledHost()).isEqualTo("api.example.com");
  }

  @Test
  void resetsAndFailedHandshakesGiveCurlsExitCodesAndStatus000() {
    assertThat(sh("curl -sS -w '%{http_code}\\n' http://strict:9080/"))
        .isEqualTo(new Run("000\n", "curl: (56) Recv failure: Connection reset by peer\n", 56));
    Run tls = sh("curl -s -w '%{http_code}' https://unknown-sni/");
    assertThat(tls).isEqualTo(new Run("000", "", 35));
  }

  @Test
  void quotesVariablesAndSubstitutionsExpandAsInSh() {
    assertThat(sh("echo 'a  b' \"c $HOSTNAME\" d\\ e").out())
        .isEqualTo("a  b c ratings-v1-abc-xyz d e\n");
    assertThat(sh("X=1; echo $X; Y=a Z=b; echo $Y$Z").out()).isEqualTo("1\nab\n");
    assertThat(sh("for i in $(seq 1 3); do echo n$i; done").out()).isEqualTo("n1\nn2\nn3\n");
    assertThat(sh("for w in a 'b c'; do echo \"[$w]\"; done").out()).isEqualTo("[a]\n[b c]\n");
    assertThat(sh("echo `hostname`").out()).isEqualTo("ratings-v1-abc-xyz\n");
    assertThat(sh("echo \"$(echo x y)\"").out()).isEqualTo("x y\n");
  }

  @Test
  void andOrSequencesAndExitStatusesFollowSh() {
    assertThat(sh("false && echo no || echo yes; echo $?").out()).isEqualTo("yes\n0\n");
    assertThat(sh("true && echo a; false; echo $?").out()).isEqualTo("a\n1\n");
    Run missing = sh("nosuch arg");
    assertThat(missing.exit()).isEqualTo(127);
    assertThat(missing.err()).isEqualTo("sh: 1: nosuch: not found\n");
    assertThat(sh("sh -c 'exit_not_here' ; echo after").out()).isEqualTo("after\n");
  }

  @Test
  void pipesRunTheTextToolsPeopleUse() {
    String data = "printf_is_not_here";
    assertThat(sh(data).exit()).isEqualTo(127);
    assertThat(sh("for i in 1 2 2 3 3 3; do echo v$i; done | sort | uniq -c").out())
        .isEqualTo("      1 v1\n      2 v2\n      3 v3\n");
    assertThat(sh("seq 1 10 | grep -c 1").out()).isEqualTo("2\n");
    assertThat(sh("seq 1 5 | grep -v 3 | wc -l").out()).isEqualTo("4\n");
    assertThat(sh("echo 'reviews-v1-x reviews-v3-y' | grep -o 'reviews-v[0-9]'").out())
        .isEqualTo("reviews-v1\nreviews-v3\n");
    assertThat(sh("echo 'a1 b22' | grep -oE '[0-9]+'").out()).isEqualTo("1\n22\n");
    assertThat(sh("seq 1 20 | head -n 3 | tail -1").out()).isEqualTo("3\n");
    assertThat(sh("echo 'a:b:c' | cut -d: -f2,3").out()).isEqualTo("b:c\n");
    assertThat(sh("echo 'x  y z' | awk '{print $2}'").out()).isEqualTo("y\n");
    assertThat(sh("seq 3 -1 1 | sort -n | tail -n 1").out()).isEqualTo("3\n");
    assertThat(sh("cat /etc/resolv.conf").out()).isEqualTo("nameserver 10.96.0.10\n");
    assertThat(sh("cat /etc/shadow").err())
        .isEqualTo("cat: /etc/shadow: No such file or directory\n");
    assertThat(sh("echo hi > /dev/null; echo hi 2>&1 >/tmp/x").err())
        .isEqualTo("sh: 1: cannot create /tmp/x: Read-only file system\n");
  }

  @Test
  void syntaxErrorsReadAsDashsAndNothingIsEvaluated() {
    assertThat(sh("echo 'open").err())
        .isEqualTo("sh: 1: Syntax error: Unterminated quoted string\n");
    assertThat(sh("for i in 1 2; do echo $i").err())
        .isEqualTo("sh: 1: Syntax error: end of file unexpected (expecting \"done\")\n");
    assertThat(sh("echo a | | wc").exit()).isEqualTo(2);
    assertThat(sh("(echo sub)").err()).contains("Syntax error");
    assertThat(sh("sleep 1 &").err()).contains("background jobs");
    assertThat(sh("echo $(rm -rf /)").exit()).isEqualTo(0);
  }

  @Test
  void limitsCutLoopsTimeAndOutputAndSaySo() {
    Run loop = sh("for i in $(seq 1 2000); do true; done");
    assertThat(loop.exit()).isEqualTo(PodShell.LIMIT_EXIT);
    assertThat(loop.err()).contains("1000 loop iterations");
    Run slow = sh("sleep 4; sleep 4; sleep 4; echo never");
    assertThat(slow.out()).isEmpty();
    assertThat(slow.err()).contains("10 s of modelled time");
    Run loud = sh("seq 1 100000");
    assertThat(loud.out()).hasSize(4096);
    assertThat(loud.err()).contains("output cut at 4 KiB");
    assertThat(sh("seq 1 99999999999 | wc -l").err()).contains("seq stopped after 100000 numbers");
  }

  @Test
  void curlTakesPeoplesOptionsAndReportsLikeCurl() {
    assertThat(sh("curl -s http://reviews:9080/reviews/0").out()).isEqualTo("hello from reviews\n");
    Network.Call call = sent.get(0);
    assertThat(call.port()).isEqualTo(9080);
    assertThat(call.path()).isEqualTo("/reviews/0");
    assertThat(sh("curl -s -o /dev/null -w '%{http_code} %{time_total}s\\n' http://r:9080/").out())
        .isEqualTo("200 0.005000s\n");
    assertThat(sh("curl -sI http://r/").out())
        .startsWith("HTTP/1.1 200 OK\r\ncontent-type: text/plain");
    sh(
        "curl -s -X POST -d 'a=1' -H 'end-user: jason' --resolve r:80:10.0.0.9 -k --cacert ca.pem r/x");
    Network.Call post = sent.get(sent.size() - 1);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.body()).isEqualTo("a=1");
    assertThat(post.address()).isEqualTo("10.0.0.9");
    assertThat(post.headers()).contains(Map.entry("end-user", "jason"));
    Run unresolved = sh("curl -sS http://nowhere/");
    assertThat(unresolved.exit()).isEqualTo(6);
    assertThat(unresolved.err()).isEqualTo("curl: (6) Could not resolve host: nowhere\n");
    assertThat(sh("curl -s http://nowhere/").err()).as("-s alone hides errors").isEmpty();
    Run timeout = sh("curl -sS -m 1 http://r/slow");
    assertThat(timeout.exit()).isEqualTo(28);
    assertThat(timeout.err())
        .isEqualTo(
            "curl: (28) Operation timed out after 1001 milliseconds with 0 bytes received\n");
    Run failed = sh("curl -sSf http://r/status/503");
    assertThat(failed.exit()).isEqualTo(22);
    assertThat(failed.err()).isEqualTo("curl: (22) The requested URL returned error: 503\n");
    Run unknown = sh("curl --frobnicate http://r/");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("curl: option --frobnicate: is unknown\n");
    assertThat(sh("curl -s ftp://r/").exit()).isEqualTo(1);
    assertThat(sh("curl -s -o /tmp/out http://r/").exit()).isEqualTo(23);
    assertThat(sh("curl http://r/").err()).contains("% Total");
  }
}

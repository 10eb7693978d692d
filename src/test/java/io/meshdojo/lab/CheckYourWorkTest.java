package io.meshdojo.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshdojo.lab.CheckYourWorkBlocks.Command;
import io.meshdojo.lab.CheckYourWorkExpectations.Expectation;
import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleClient;
import io.meshdojo.sandbox.console.ConsoleClient.Ran;
import io.meshdojo.sandbox.console.ConsoleClient.Terminal;
import io.meshdojo.testing.LabFolders;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 11 item 7: every command under "Check your work" in every lab's instructions (en and zh)
 * runs against an embedded sandbox holding the lab's setup and reference solution, through the real
 * kubectl (the command line in a local bash, as a learner pastes it) and through the lab page's
 * terminal, and prints what {@code labs/<id>/check-your-work.yaml} says it will. A lab without the
 * section, a block or an expectation fails, naming what to add.
 */
@QuarkusTest
class CheckYourWorkTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TestHTTPResource("/")
  URL root;

  @TestFactory
  Stream<DynamicTest> everyLabsCheckYourWorkPrintsWhatItPromises() {
    // -Dcheck-your-work.lab=ID[,ID…] checks those labs only, for their authors.
    List<String> only =
        List.of(System.getProperty("check-your-work.lab", "").split(",")).stream()
            .filter(id -> !id.isBlank())
            .toList();
    return LabFolders.ids().stream()
        .filter(lab -> only.isEmpty() || only.contains(lab))
        .map(lab -> DynamicTest.dynamicTest(lab, () -> checkLab(lab)));
  }

  private void checkLab(String lab) throws Exception {
    String where = "labs/" + lab + "/";
    JsonNode spec = YAML.readTree(Path.of(where + "lab.yaml").toFile()).path("spec");
    String en = spec.path("instructions").path("en").asText();
    String zh = spec.path("instructions").path("zh").asText();
    assertThat(CheckYourWorkBlocks.hasSection(en))
        .as(where + "lab.yaml: instructions.en needs a '## Check your work' section")
        .isTrue();
    assertThat(CheckYourWorkBlocks.hasSection(zh))
        .as(where + "lab.yaml: instructions.zh needs a '## 检查你的工作' section")
        .isTrue();
    List<Command> commands = CheckYourWorkBlocks.commands(en);
    assertThat(commands)
        .as(where + "lab.yaml: 'Check your work' needs at least one ```bash block")
        .isNotEmpty();
    assertThat(CheckYourWorkBlocks.commands(zh))
        .as(where + "lab.yaml: the zh '检查你的工作' blocks must hold the same commands as the en ones")
        .isEqualTo(commands);
    CheckYourWorkExpectations expectations = CheckYourWorkExpectations.of(lab);
    assertThat(expectations)
        .as(
            where
                + CheckYourWorkExpectations.FILE
                + " is missing: give each command an expectation")
        .isNotNull();
    List<String> problems = new ArrayList<>();
    for (Command c : commands) {
      Expectation e = expectations.find(c.line());
      if (e == null) {
        problems.add(
            "block "
                + c.block()
                + ": no expectation for `"
                + c.line()
                + "`: add `- run: ` with it");
      } else if (e.expect() == null || e.expect().isEmpty()) {
        problems.add("block " + c.block() + ": `" + c.line() + "` has no `expect:` patterns");
      } else if (e.only() != null
          && (!List.of("kubectl", "terminal").contains(e.only()) || blank(e.why()))) {
        problems.add(
            "block "
                + c.block()
                + ": `"
                + c.line()
                + "`: `only:` is kubectl or terminal, with why:");
      }
    }
    for (Expectation e : expectations.commands()) {
      if (commands.stream().noneMatch(c -> c.line().equals(e.run()))) {
        problems.add(
            "an expectation for a command the instructions do not give: `" + e.run() + "`");
      }
    }
    assertThat(problems).as(where + CheckYourWorkExpectations.FILE).isEmpty();

    Kubectl kubectl = Kubectl.forNewSession(lab);
    for (JsonNode file : spec.path("solution")) {
      Kubectl.Result applied = kubectl.run("apply", "-f", where + file.asText());
      assertThat(applied.exit())
          .as("applying " + where + file.asText() + ": " + applied.all())
          .isZero();
    }
    Terminal terminal = ConsoleClient.connect(root, Kubectl.lastUser, kubectl.sessionId, "en");
    terminal.next();
    List<String> failures = new ArrayList<>();
    StringBuilder assignments = new StringBuilder();
    int block = 0;
    for (Command c : commands) {
      if (c.block() != block) {
        block = c.block();
        assignments.setLength(0);
      }
      Expectation e = expectations.find(c.line());
      String line = e.typed() == null ? c.line() : typed(kubectl, e.typed());
      // A learner pastes a block into one shell: its variables live on to the next line.
      String script = assignments + line;
      for (int i = 0; i < e.times(); i++) {
        if (e.runsThrough("kubectl")) {
          failed(
              failures,
              () ->
                  check(
                      lab,
                      c,
                      e,
                      "the real kubectl (bash -c)",
                      () -> {
                        Kubectl.Result r = kubectl.bash(script);
                        return new Ran(r.out() + r.err(), r.exit());
                      }));
        }
        if (e.runsThrough("terminal")) {
          failed(
              failures,
              () -> check(lab, c, e, "the lab page's terminal", () -> terminal.run(line, null)));
        }
      }
      if (ASSIGNMENT.matcher(line).matches()) {
        assignments.append(line).append('\n');
      }
    }
    assertThat(failures)
        .as(
            failures.size()
                + " command(s) of labs/"
                + lab
                + " failed:\n"
                + String.join("\n\n", failures))
        .isEmpty();
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Runs a step, keeping its failure so that one run reports every command that failed. */
  private static void failed(List<String> failures, Step step) throws Exception {
    try {
      step.run();
    } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
      failures.add(e.getMessage());
    }
  }

  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
  private static final Pattern POD = Pattern.compile("\\{pod:([^/}]+)/([^}]+)}");

  /** The command with each {@code {pod:NS/SELECTOR}} replaced by the pod's name. */
  private static String typed(Kubectl kubectl, String typed) throws Exception {
    var m = POD.matcher(typed);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Kubectl.Result name =
          kubectl.run(
              "-n",
              m.group(1),
              "get",
              "pods",
              "-l",
              m.group(2),
              "-o",
              "jsonpath={.items[0].metadata.name}");
      assertThat(name.out()).as("a pod for " + m.group()).isNotBlank();
      m.appendReplacement(out, name.out());
    }
    m.appendTail(out);
    return out.toString();
  }

  private interface Run {
    Ran run() throws Exception;
  }

  /**
   * Runs one command and checks its output; a read ({@code get}, {@code logs}) may be repeated
   * while the sandbox's controllers catch up, a request is run once.
   */
  private static void check(String lab, Command c, Expectation e, String way, Run run)
      throws Exception {
    if (e.gap() != null) {
      Ran ran = run.run();
      boolean met;
      try {
        verify(lab, c, e, way, ran);
        met = true;
      } catch (AssertionError stillMissing) {
        met = false;
      }
      assertThat(met)
          .as(
              "labs/"
                  + lab
                  + "/"
                  + CheckYourWorkExpectations.FILE
                  + ": `"
                  + c.line()
                  + "` now prints what it promises through "
                  + way
                  + ": remove its `gap:` ("
                  + e.gap()
                  + ")")
          .isFalse();
      return;
    }
    boolean read = !c.line().contains(" exec ") || e.retry() != null;
    if (!read) {
      verify(lab, c, e, way, run.run());
      return;
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> verify(lab, c, e, way, run.run()));
  }

  private static void verify(String lab, Command c, Expectation e, String way, Ran ran) {
    String where =
        "labs/"
            + lab
            + "/lab.yaml, Check your work block "
            + c.block()
            + ", through "
            + way
            + ":\n  $ "
            + c.line()
            + "\n";
    String printed = "--- it printed (exit " + ran.code() + ") ---\n" + ran.text() + "\n---";
    assertThat(ran.code())
        .as(where + "exit status (expected " + e.exitCode() + ")\n" + printed)
        .isEqualTo(e.exitCode());
    for (String pattern : e.expect()) {
      assertThat(Pattern.compile(pattern, Pattern.MULTILINE).matcher(ran.text()).find())
          .as(where + "the output should contain /" + pattern + "/\n" + printed)
          .isTrue();
    }
    if (e.absent() != null) {
      for (String pattern : e.absent()) {
        assertThat(Pattern.compile(pattern, Pattern.MULTILINE).matcher(ran.text()).find())
            .as(where + "the output should not contain /" + pattern + "/\n" + printed)
            .isFalse();
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

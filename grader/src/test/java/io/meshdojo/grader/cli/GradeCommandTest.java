package io.meshdojo.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GradeCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--labs";
    all[1] = "labs";
    System.arraycopy(args, 0, all, 2, args.length);
    return GradeCommand.run(
        all,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  static List<String> labs() throws Exception {
    try (Stream<Path> dirs = Files.list(Path.of("labs"))) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("labs")
  void everyLabsSolutionExitsZeroAndAnEmptySubmissionExitsOne(String lab, @TempDir Path dir)
      throws Exception {
    assertThat(run("--lab", lab, "labs/" + lab + "/solution/")).as(lab + ": " + err).isZero();
    Path empty = Files.writeString(dir.resolve("answer.yaml"), "");
    assertThat(run("--lab", lab, empty.toString()))
        .as(lab + " with nothing submitted")
        .isEqualTo(1);
  }

  /** A dump of a whole mtls-strict sandbox: its environment, its setup and the solution. */
  private static String sandboxDump() throws Exception {
    StringBuilder dump = new StringBuilder();
    for (String file :
        List.of(
            "infra/environments/bookinfo/baseline/00-namespaces.yaml",
            "infra/environments/bookinfo/baseline/10-istio-system.yaml",
            "infra/environments/bookinfo/baseline/20-bookinfo.yaml",
            "labs/mtls-strict/setup/00-sleep-client.yaml",
            "labs/mtls-strict/solution/peer-authentication.yaml")) {
      dump.append(Files.readString(Path.of(file))).append("\n---\n");
    }
    return dump.toString();
  }

  @Test
  void aStateDumpIsGradedAsItIsWithNothingAddedBack(@TempDir Path dir) throws Exception {
    Path whole = dir.resolve("whole.yaml");
    Files.writeString(whole, sandboxDump());
    assertThat(run("--lab", "mtls-strict", "--state", whole.toString()))
        .as(out.toString(StandardCharsets.UTF_8))
        .isZero();

    // The same sandbox after the learner deleted the setup's plaintext client: the objective that
    // sends from it fails, where file mode would have put the setup back.
    Path withoutClient = dir.resolve("without-client.yaml");
    Files.writeString(withoutClient, sandboxDump().replace("name: sleep", "name: sleep-renamed"));
    out.reset();
    assertThat(run("--lab", "mtls-strict", "--json", "--state", withoutClient.toString()))
        .isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("default/sleep");
    out.reset();
    assertThat(run("--lab", "mtls-strict", "labs/mtls-strict/solution")).isZero();
  }

  @Test
  void exactlyOneInputModeIsAccepted(@TempDir Path dir) throws Exception {
    Path dump = dir.resolve("dump.yaml");
    Files.writeString(dump, sandboxDump());
    assertThat(run("--lab", "mtls-strict", "--state", dump.toString(), "labs/mtls-strict/solution"))
        .isEqualTo(2);
    assertThat(run("--lab", "mtls-strict", "--state", dir.resolve("none.yaml").toString()))
        .isEqualTo(2);
  }

  @Test
  void referenceSolutionExitsZeroWithTheJsonShape() throws Exception {
    int status = run("--lab", "request-routing", "--json", "labs/request-routing/solution");
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(json.get("lab").asText()).isEqualTo("request-routing");
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(json.get("score").asInt()).isEqualTo(json.get("maxScore").asInt());
    JsonNode first = json.get("objectives").get(0);
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("id", "passed", "points", "expected", "message", "evidence", "traffic");
    JsonNode jason = first.get("traffic").get(0);
    assertThat(jason.get("probe").asText())
        .isEqualTo("bookinfo/productpage-v1 → reviews:9080 GET /reviews/0 · end-user: jason");
    assertThat(jason.get("shares").get(0).get("label").asText()).isEqualTo("v2");
    assertThat(jason.get("shares").get(0).get("share").asDouble()).isEqualTo(1.0);
    assertThat(json.get("findings").isArray()).isTrue();
  }

  @Test
  void unmetObjectivesExitOneWithChineseText(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("pa.yaml");
    Files.writeString(
        f,
        """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: bookinfo}
        spec: {mtls: {mode: PERMISSIVE}}
        """);
    assertThat(run("--lab", "mtls-strict", "--lang", "zh", f.toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("未通过")
        .contains("[ ] plaintext-refused");
  }

  @Test
  void usageAndUnusableInputExitTwo(@TempDir Path dir) throws Exception {
    assertThat(run("--lab", "request-routing")).isEqualTo(2);
    assertThat(run("--lab", "no-such-lab", "labs/request-routing/solution")).isEqualTo(2);
    assertThat(run("--lab", "request-routing", "--lang", "fr", "labs/request-routing/solution"))
        .isEqualTo(2);
    assertThat(run("--lab", "request-routing", dir.resolve("missing.yaml").toString()))
        .isEqualTo(2);
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "kind: [unclosed\n");
    assertThat(run("--lab", "request-routing", broken.toString())).isEqualTo(2);
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "a: " + "x".repeat(1 << 21));
    assertThat(run("--lab", "request-routing", "--json", big.toString())).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("MDJ0001");
  }

  @Test
  void aYamlSyntaxErrorGetsItsLineAndNoScore(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken,
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
         spec: [
        """);
    assertThat(run("--lab", "request-routing", broken.toString())).isEqualTo(2);
    String said = err.toString(StandardCharsets.UTF_8);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(said)
        .contains("nothing was graded")
        .contains("MDJ0002")
        .contains("(line 5)")
        .doesNotContain("[x]")
        .doesNotContain("/10");

    err.reset();
    assertThat(run("--lab", "request-routing", "--json", broken.toString())).isEqualTo(2);
    JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(json.fieldNames()).toIterable().containsExactly("lab", "unreadable", "findings");
    assertThat(json.get("findings").get(0).get("message").asText()).contains("(line 5)");
  }

  @Test
  void anUnknownLabListsTheLabs() {
    assertThat(run("--lab", "nope", "labs/request-routing/solution")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no lab nope")
        .contains("request-routing")
        .contains("traffic-shifting")
        .contains("mtls-strict");
  }

  @Test
  void aMissedObjectiveShowsWhatWasExpectedAndWhatHappensWithLabelledPoints(@TempDir Path dir)
      throws Exception {
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "# nothing yet\n");
    assertThat(run("--lab", "request-routing", empty.toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("[ ] jason-reaches-v2 (4 points):")
        .contains("expected: In-mesh requests to reviews whose end-user header is exactly jason")
        .contains("actual:   GET requests from bookinfo/productpage-v1")
        .contains("[x] no-errors (2 points): ");
    out.reset();
    assertThat(run("--lab", "request-routing", "--lang", "zh", empty.toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("[ ] jason-reaches-v2 (4 分):")
        .contains("预期：网格内发往 reviews")
        .contains("实际：从 bookinfo/productpage-v1");
  }
}

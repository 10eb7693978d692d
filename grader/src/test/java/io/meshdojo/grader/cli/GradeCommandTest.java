package io.meshdojo.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        .containsExactly("id", "passed", "points", "message", "evidence", "traffic");
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
}

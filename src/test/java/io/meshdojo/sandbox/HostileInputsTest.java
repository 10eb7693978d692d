package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.meshdojo.content.YamlFiles;
import io.meshdojo.sandbox.console.ConsoleClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the hostile-input corpus ({@code src/test/resources/hostile}, see its README) against an
 * embedded sandbox's Kubernetes API, the editor's apply and the lab terminal: each input gets the
 * answer its file expects, and the sandbox can still be read afterwards.
 */
@QuarkusTest
class HostileInputsTest {

  static final Path CORPUS = Path.of("src", "test", "resources", "hostile");
  static final List<String> SURFACES = List.of("sandbox-api", "apply", "console");

  @TestHTTPResource("/")
  URL root;

  record Case(String surface, Path file, JsonNode spec) {
    String name() {
      return surface + "/" + file.getFileName();
    }

    JsonNode expect() {
      return spec.path("expect");
    }

    String body() {
      String body = spec.path("body").asText("");
      int times = spec.path("repeatBody").asInt(1);
      return times == 1 ? body : body.repeat(times);
    }
  }

  static List<Case> corpus() throws IOException {
    JsonSchema schema =
        YamlFiles.schema(Files.readString(CORPUS.resolve("hostile-input.schema.json")));
    try (Stream<Path> files = Files.walk(CORPUS)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(
              f -> {
                String surface = CORPUS.relativize(f).getName(0).toString();
                try {
                  JsonNode spec = YamlFiles.parse(Files.readString(f));
                  assertThat(SURFACES).as(f + ": its folder names the surface").contains(surface);
                  assertThat(YamlFiles.violations(schema, spec)).as(f.toString()).isEmpty();
                  return new Case(surface, f, spec);
                } catch (IOException e) {
                  throw new IllegalStateException(f + ": " + e.getMessage(), e);
                }
              })
          .toList();
    }
  }

  @Test
  void everySurfaceHasHostileInputs() throws IOException {
    List<Case> cases = corpus();
    for (String surface : SURFACES) {
      assertThat(cases).as(surface).anyMatch(c -> c.surface().equals(surface));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyHostileInputGetsItsAnswerAndLosesNothing() throws IOException {
    return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c)));
  }

  private void replay(Case c) throws Exception {
    String user = Kubectl.newLearner();
    String session = Kubectl.startSession(user, "request-routing");
    switch (c.surface()) {
      case "sandbox-api" -> expectAnswer(c, sandboxApi(c, user, session));
      case "apply" ->
          expectAnswer(
              c,
              as(user)
                  .contentType("text/plain; charset=utf-8")
                  .body(c.body())
                  .post("/api/sessions/" + session + "/apply"));
      case "console" -> {
        ConsoleClient.Terminal terminal = ConsoleClient.connect(root, user, session, "en");
        terminal.next(); // the greeting
        ConsoleClient.Ran ran =
            terminal.run(c.spec().path("line").asText(), c.spec().path("stdin").asText(null));
        JsonNode expect = c.expect();
        if (expect.has("exit")) {
          assertThat(ran.code())
              .as(c.name() + ": exit code; printed " + ran.text())
              .isEqualTo(expect.path("exit").asInt());
        }
        if (expect.has("contains")) {
          assertThat(ran.text()).as(c.name()).contains(expect.path("contains").asText());
        }
      }
      default -> throw new AssertionError(c.name() + ": unknown surface");
    }
    if (c.expect().path("sandboxReadable").asBoolean(true)) {
      as(user).get("/api/sessions/" + session + "/objects").then().statusCode(200);
      given()
          .header("Authorization", "Bearer " + token(user, session))
          .get("/sandboxes/" + session + "/k8s/api/v1/namespaces/default/configmaps")
          .then()
          .statusCode(200);
    }
  }

  private static Response sandboxApi(Case c, String user, String session) throws IOException {
    return given()
        .header("Authorization", "Bearer " + token(user, session))
        .contentType(c.spec().path("contentType").asText("application/json"))
        // bytes go as they are, whatever the content type claims
        .body(c.body().getBytes(StandardCharsets.UTF_8))
        .request(
            c.spec().path("method").asText("POST"),
            "/sandboxes/" + session + "/k8s" + c.spec().path("path").asText());
  }

  private static void expectAnswer(Case c, Response response) {
    JsonNode expect = c.expect();
    String body = response.asString();
    if (expect.has("status")) {
      assertThat(response.statusCode())
          .as(c.name() + ": HTTP status; the body was " + body)
          .isEqualTo(expect.path("status").asInt());
    }
    if (expect.has("contains")) {
      assertThat(body).as(c.name()).contains(expect.path("contains").asText());
    }
  }

  private static String token(String user, String session) throws IOException {
    return Kubectl.forSession(user, session)
        .kubeconfigText
        .replaceAll("(?s).*token: (\\S+).*", "$1");
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, Kubectl.PASSWORD);
  }
}

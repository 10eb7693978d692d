package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;

import io.meshdojo.testing.Prerequisite;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/** Runs the real kubectl against a sandbox, with its own kubeconfig and discovery cache. */
public final class Kubectl {

  /** The password {@link #newLearner} gives every learner it signs up. */
  public static final String PASSWORD = "sandbox pass 42";

  public static final Path BINARY = Prerequisite.KUBECTL.path();

  public record Result(int exit, String out, String err) {
    public String all() {
      return out + err;
    }

    /** The output of a command that must succeed. */
    public String ok() {
      org.assertj.core.api.Assertions.assertThat(exit).as(all()).isZero();
      return out;
    }
  }

  final Path dir;
  final Path kubeconfig;
  public final String kubeconfigText;
  public final String sessionId;

  private Kubectl(Path dir, String sessionId, String kubeconfigText) throws IOException {
    this.dir = dir;
    this.sessionId = sessionId;
    this.kubeconfig = dir.resolve("kubeconfig");
    this.kubeconfigText = kubeconfigText;
    Files.writeString(kubeconfig, kubeconfigText);
  }

  public static String newLearner() {
    String name = "k" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
        .post("/api/signup")
        .then()
        .statusCode(201);
    return name;
  }

  public static String startSession(String user, String lab) {
    return given()
        .auth()
        .preemptive()
        .basic(user, PASSWORD)
        .post("/api/labs/" + lab + "/sessions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Ends a session as its owner does with the REST API. */
  public static void endSession(String user, String id) {
    given()
        .auth()
        .preemptive()
        .basic(user, PASSWORD)
        .delete("/api/sessions/" + id)
        .then()
        .statusCode(204);
  }

  /** The learner of the last {@link #forNewSession}. */
  public static String lastUser;

  /** The lab page's Check of {@code session} by its learner, answered 200. */
  public static JsonPath check(String user, String session, String lang) {
    return given()
        .auth()
        .preemptive()
        .basic(user, PASSWORD)
        .post("/api/sessions/" + session + "/check?lang=" + lang)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** A learner, a session for {@code lab} and a kubectl set up for it. */
  public static Kubectl forNewSession(String lab) throws IOException {
    String user = newLearner();
    lastUser = user;
    return forSession(user, startSession(user, lab));
  }

  /**
   * A kubectl for a session of {@code user} (whose password is the one {@link #newLearner} sets).
   */
  public static Kubectl forSession(String user, String id) throws IOException {
    String config =
        given()
            .baseUri("https://localhost")
            .port(ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class))
            .relaxedHTTPSValidation()
            .auth()
            .preemptive()
            .basic(user, PASSWORD)
            .get("/api/sessions/" + id + "/kubeconfig")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return forKubeconfig(id, config);
  }

  /** A kubectl for a session whose kubeconfig is at hand (a packaged service's, say). */
  public static Kubectl forKubeconfig(String sessionId, String kubeconfig) throws IOException {
    return new Kubectl(Files.createTempDirectory("kubectl-"), sessionId, kubeconfig);
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return run(null, 60, args);
  }

  /** {@code kubectl -n NAMESPACE exec TARGET -- COMMAND...}. */
  public Result exec(String namespace, String target, String... command)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("-n", namespace, "exec", target, "--"));
    args.addAll(List.of(command));
    return run(args.toArray(String[]::new));
  }

  public Result apply(String yaml, String... extra) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("apply", "-f", "-"));
    args.addAll(List.of(extra));
    return run(yaml, 60, args.toArray(String[]::new));
  }

  /** Runs kubectl, killing it after {@code seconds} (for watches). */
  Result run(String stdin, int seconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + dir.resolve("cache"));
    command.addAll(List.of(args));
    File out = dir.resolve("out-" + UUID.randomUUID()).toFile();
    File err = dir.resolve("err-" + UUID.randomUUID()).toFile();
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    int exit = p.isAlive() ? -1 : p.exitValue();
    return new Result(exit, Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  /**
   * Runs a command line with {@code bash -c}, as a learner pastes it into a local shell: kubectl
   * (and the pipes around it) run here, pointed at the sandbox by {@code KUBECONFIG}.
   */
  public Result bash(String commandLine) throws IOException, InterruptedException {
    File out = dir.resolve("out-" + UUID.randomUUID()).toFile();
    File err = dir.resolve("err-" + UUID.randomUUID()).toFile();
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", commandLine)
            .directory(dir.toFile())
            .redirectOutput(out)
            .redirectError(err);
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Path bin = dir.resolve("bin");
    if (!Files.exists(bin.resolve("kubectl"))) {
      Files.createDirectories(bin);
      Files.createSymbolicLink(bin.resolve("kubectl"), learnersClient());
    }
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    int exit = p.isAlive() ? -1 : p.exitValue();
    return new Result(exit, Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  /**
   * The kubectl a learner runs: {@link #BINARY}, unless that is gcloud's dispatcher, which picks a
   * client matching the server's version (1.27 for the ecosystem environment, too old for exec over
   * WebSocket); then the newest client beside it.
   */
  static Path learnersClient() throws IOException {
    Path real = BINARY.toRealPath();
    try (var siblings = Files.list(real.getParent())) {
      return siblings
          .filter(p -> p.getFileName().toString().matches("kubectl\\.1\\.\\d+"))
          .max(
              java.util.Comparator.comparingInt(
                  p -> Integer.parseInt(p.getFileName().toString().substring(10))))
          .orElse(BINARY);
    }
  }

  /** Starts kubectl in the background (a watch); read its output after stopping it. */
  Process start(Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + dir.resolve("cache"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().put("HOME", dir.toString());
    return pb.start();
  }
}

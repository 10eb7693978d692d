package io.meshdojo.lab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code labs/<id>/check-your-work.yaml}: what each "Check your work" command prints in an embedded
 * sandbox holding the lab's setup and reference solution. One file serves both languages, whose
 * blocks hold the same commands.
 */
record CheckYourWorkExpectations(List<Expectation> commands) {

  static final String FILE = "check-your-work.yaml";

  /**
   * @param run the command exactly as the extractor joins it (continuations on one line)
   * @param expect regular expressions the output (stdout and stderr) must each contain
   * @param absent regular expressions the output must not contain
   * @param exit the exit status, 0 when not given
   * @param repeat how many times to run it (the instructions' "repeat a few times"), 1 if not given
   * @param only {@code kubectl} or {@code terminal} when the command cannot run both ways
   * @param why the reason, required with {@code only}
   * @param gap a known gap of the simulator, said plainly: the command is run and must still miss
   *     its expectation, so that the gap is closed here as soon as the simulator can do it
   * @param retry why a request may be run again until it prints what it promises (a rate limit's
   *     budget that refills), as the instructions tell the learner to
   * @param typed what a learner types for a command with placeholders (POD_NAME…): {@code
   *     {pod:NAMESPACE/SELECTOR}} stands for the name of the first pod the selector finds
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Expectation(
      String run,
      List<String> expect,
      List<String> absent,
      Integer exit,
      Integer repeat,
      String only,
      String why,
      String gap,
      String retry,
      String typed) {

    int exitCode() {
      return exit == null ? 0 : exit;
    }

    int times() {
      return repeat == null ? 1 : repeat;
    }

    boolean runsThrough(String way) {
      return only == null || only.equals(way);
    }
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The lab's file, or null when it has none. */
  static CheckYourWorkExpectations of(String lab) throws IOException {
    Path file = Path.of("labs", lab, FILE);
    if (!Files.exists(file)) {
      return null;
    }
    return YAML.readValue(file.toFile(), CheckYourWorkExpectations.class);
  }

  Expectation find(String line) {
    return commands == null
        ? null
        : commands.stream().filter(e -> line.equals(e.run())).findFirst().orElse(null);
  }
}

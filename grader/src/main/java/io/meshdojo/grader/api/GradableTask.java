package io.meshdojo.grader.api;

import io.meshdojo.grader.objectives.Lab;
import io.meshdojo.grader.objectives.LabReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Something graded like a lab that is not a packaged lab: an exam task with its parameters already
 * put in. Its objectives are maps of the shape a lab.yaml's {@code spec.objectives} entries have
 * (read by the same reader, so they are judged by the same rules); setup and solution are manifests
 * by name (YAML or JSON text).
 *
 * @throws IllegalArgumentException when an objective lacks the part its kind needs
 */
public record GradableTask(
    String id,
    String environment,
    Map<String, String> setup,
    Map<String, String> solution,
    List<Map<String, Object>> objectives) {

  public GradableTask {
    setup = Collections.unmodifiableMap(new LinkedHashMap<>(setup));
    solution = Collections.unmodifiableMap(new LinkedHashMap<>(solution));
    objectives = List.copyOf(objectives);
    // Read once here, so that a malformed objective is refused where the task is made.
    LabReader.of(id, environment, setup, solution, objectives);
  }

  Lab toLab() {
    return LabReader.of(id, environment, setup, solution, objectives);
  }
}

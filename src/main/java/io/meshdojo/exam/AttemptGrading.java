package io.meshdojo.exam;

import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Grades every drawn task of an attempt once, from what its sandbox holds: the embedded backend's
 * stored objects (one query for all tasks), or a live cluster read with the service's kubeconfig.
 */
@ApplicationScoped
public class AttemptGrading {

  /**
   * One task's verdict in both languages, and the objectives its untouched setup already meets
   * (guards such as "other callers keep working").
   */
  public record Graded(DrawnTask task, GradeResult en, GradeResult zh, Set<String> metUntouched) {}

  private final Grader grader;
  private final Sandboxes sandboxes;
  private final ObjectStore store;

  public AttemptGrading(Grader grader, Sandboxes sandboxes, ObjectStore store) {
    this.grader = grader;
    this.sandboxes = sandboxes;
    this.store = store;
  }

  public List<Graded> grade(Exam exam, String sandboxId, List<DrawnTask> drawn, String serviceUrl) {
    Optional<SandboxView> sandbox =
        sandboxId == null ? Optional.empty() : sandboxes.viewForService(sandboxId);
    boolean stored = sandbox.map(s -> sandboxes.capabilities(s).storedObjects()).orElse(true);
    List<Map<String, Object>> objects =
        stored && sandboxId != null ? store.allAsMaps(sandboxId) : List.of();
    Optional<String> kubeconfig =
        stored || sandboxId == null
            ? Optional.empty()
            : sandboxes.kubeconfigForService(sandboxId, serviceUrl);
    List<Graded> out = new ArrayList<>();
    for (DrawnTask task : drawn) {
      var gradable = task.gradable(exam.environment());
      Set<String> untouched =
          grader.gradeTask(gradable, List.of(), "en").objectives().stream()
              .filter(GradeResult.ObjectiveResult::passed)
              .map(GradeResult.ObjectiveResult::id)
              .collect(Collectors.toSet());
      if (kubeconfig.isPresent()) {
        out.add(
            new Graded(
                task,
                live(gradable, kubeconfig.get(), Language.EN),
                live(gradable, kubeconfig.get(), Language.ZH),
                untouched));
      } else {
        out.add(
            new Graded(
                task,
                grader.gradeTaskObjects(gradable, "sandbox", objects, "en"),
                grader.gradeTaskObjects(gradable, "sandbox", objects, "zh"),
                untouched));
      }
    }
    return out;
  }

  private GradeResult live(
      io.meshdojo.grader.api.GradableTask task, String kubeconfig, Language lang) {
    Path file = null;
    try {
      file = Files.createTempFile("meshdojo-exam-", ".kubeconfig");
      Files.writeString(file, kubeconfig);
      return grader.gradeTaskCluster(task, file, null, lang.code());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind holds a token of a sandbox that ends with the attempt
        }
      }
    }
  }
}

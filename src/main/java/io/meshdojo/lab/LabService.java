package io.meshdojo.lab;

import io.meshdojo.lesson.LessonCatalogue;
import io.meshdojo.lesson.LessonService;
import io.meshdojo.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class LabService {

  private final List<Lab> ordered;
  private final LabRepository labs;

  public LabService(LabRepository labs, LessonService lessons) {
    this.labs = labs;
    List<String> curriculum = lessons.list(Language.EN).stream().map(s -> s.lesson().id()).toList();
    // A lab appears where its first lesson is taught, so the list follows the curriculum.
    this.ordered =
        labs.all().stream()
            .sorted(
                Comparator.comparingInt((Lab lab) -> position(lab, curriculum))
                    .thenComparing(Lab::id))
            .toList();
  }

  public List<Lab> list() {
    return ordered;
  }

  public Optional<Lab> find(String id) {
    return labs.find(id);
  }

  /** The lab, or a 404 that names it. */
  public Lab require(String id) {
    return labs.find(id).orElseThrow(() -> new NotFoundException("No lab '" + id + "'"));
  }

  /**
   * The reference solution's manifests, by file name. Only the solution reveal may call this: the
   * solution never goes into a sandbox or any other answer.
   */
  public List<SolutionFile> solutionOf(Lab lab) {
    return lab.solution().stream()
        .map(path -> new SolutionFile(fileName(path), labs.manifest(lab, path)))
        .toList();
  }

  public record SolutionFile(String name, String yaml) {}

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static int position(Lab lab, List<String> curriculum) {
    return lab.lessons().stream()
        .mapToInt(curriculum::indexOf)
        .filter(i -> i >= 0)
        .min()
        .orElse(Integer.MAX_VALUE);
  }

  /** The titles of a lab's lessons, for links; lessons that do not exist are left out. */
  public static List<LessonCatalogue.Served> lessonsOf(
      Lab lab, LessonCatalogue catalogue, Language language) {
    return lab.lessons().stream()
        .map(id -> catalogue.find(id, language))
        .flatMap(Optional::stream)
        .toList();
  }
}

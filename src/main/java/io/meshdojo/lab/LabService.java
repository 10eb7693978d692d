package io.meshdojo.lab;

import io.meshdojo.lesson.LessonCatalogue;
import io.meshdojo.lesson.LessonService;
import io.meshdojo.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
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

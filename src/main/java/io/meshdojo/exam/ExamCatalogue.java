package io.meshdojo.exam;

import io.meshdojo.content.ClasspathFolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The packaged exams, read and checked once when the service starts. */
@ApplicationScoped
public class ExamCatalogue {

  static final String FOLDER = "meshdojo/exams";

  private final List<Exam> exams;

  public ExamCatalogue() {
    exams =
        new ExamLoader()
            .load(ClasspathFolder.read(FOLDER, ExamLoader.SCHEMA)).stream()
                .sorted(Comparator.comparing(Exam::duration).thenComparing(Exam::id))
                .toList();
  }

  public List<Exam> all() {
    return exams;
  }

  public Optional<Exam> find(String id) {
    return exams.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** The exam, or a 404 that names it. */
  public Exam require(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("No exam '" + id + "'"));
  }
}

package io.meshdojo.lab;

import io.meshdojo.content.ClasspathFolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The packaged labs, read and checked once when the service starts. */
@ApplicationScoped
public class LabRepository {

  static final String FOLDER = "meshdojo/labs";

  private final List<Lab> labs;

  public LabRepository() {
    labs =
        new LabLoader()
            .load(ClasspathFolder.read(FOLDER, LabLoader.SCHEMA)).stream()
                .sorted(Comparator.comparing(Lab::id))
                .toList();
  }

  public List<Lab> all() {
    return labs;
  }

  public Optional<Lab> find(String id) {
    return labs.stream().filter(l -> l.id().equals(id)).findFirst();
  }
}

package io.meshdojo.lab;

import io.meshdojo.content.ClasspathFolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

  /** The text of a manifest the lab names (the loader checked that it exists). */
  public String manifest(Lab lab, String path) {
    String resource = FOLDER + "/" + lab.id() + "/" + path;
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "Lab " + lab.id() + " names " + path + ", which is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.meshdojo.lesson;

import io.meshdojo.content.ClasspathFolder;
import jakarta.enterprise.context.ApplicationScoped;

/** The packaged curriculum, read and rendered once when the service starts. */
@ApplicationScoped
public class LessonRepository {

  static final String FOLDER = "meshdojo/content";

  private final LessonCatalogue catalogue;

  public LessonRepository() {
    catalogue = new LessonLoader().load(ClasspathFolder.read(FOLDER, LessonLoader.TRACKS));
  }

  public LessonCatalogue catalogue() {
    return catalogue;
  }
}

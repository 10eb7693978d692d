package io.meshdojo.grader.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manifests several of the grader's tests share, from {@code grader/src/test/resources}. */
public final class Fixtures {

  /** The DestinationRule that gives bookinfo's reviews its subsets v1 and v2. */
  public static final String REVIEWS_SUBSETS = read("bookinfo/reviews-subsets.yaml");

  private Fixtures() {}

  /** A fixture's text; {@code name} is relative to {@code grader/src/test/resources}. */
  public static String read(String name) {
    try {
      return Files.readString(Path.of("grader", "src", "test", "resources", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

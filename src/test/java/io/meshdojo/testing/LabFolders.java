package io.meshdojo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The labs in the repository, one folder each under {@code labs/}: what the catalogue must serve,
 * so that adding a lab never means editing a hand-kept list in a test.
 */
public final class LabFolders {

  private LabFolders() {}

  public static List<String> ids() {
    try (var entries = Files.list(Path.of("labs"))) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list labs/ from " + Path.of("").toAbsolutePath(), e);
    }
  }
}

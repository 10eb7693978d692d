package io.meshdojo.grader.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Files the service's jar packages under {@code /meshdojo/} (labs, infra), or the same layout in a
 * folder: read one by its relative path, or list a folder found from a file known to be in it.
 */
final class PackagedFiles {

  private PackagedFiles() {}

  /** Reads {@code root + path} from the classpath; {@code null} when there is no such file. */
  static Function<String, String> classpath(String root) {
    return path -> {
      try (InputStream in = PackagedFiles.class.getResourceAsStream(root + path)) {
        return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** Reads a file inside {@code folder}; {@code null} when missing or outside it. */
  static Function<String, String> directory(Path folder) {
    Path root = folder.toAbsolutePath().normalize();
    return path -> {
      Path p = root.resolve(path).normalize();
      if (!p.startsWith(root) || !Files.isRegularFile(p)) {
        return null;
      }
      try {
        return Files.readString(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /**
   * Lists, with {@code lister}, the classpath folder {@code root} (in a folder or inside the jar),
   * found from {@code anchor}, a file packaged in it; empty when the anchor is missing.
   */
  static <T> List<T> listClasspath(String root, String anchor, Function<Path, List<T>> lister) {
    URL url = PackagedFiles.class.getResource(root + anchor);
    if (url == null) {
      return List.of();
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return lister.apply(Path.of(uri).getParent());
      }
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return lister.apply(jar.getPath(root));
      } catch (FileSystemAlreadyExistsException e) {
        return lister.apply(FileSystems.getFileSystem(uri).getPath(root));
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list " + root, e);
    }
  }

  /** The names of the entries of {@code folder} that {@code keep} accepts, sorted. */
  static List<String> names(Path folder, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(keep).map(c -> c.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

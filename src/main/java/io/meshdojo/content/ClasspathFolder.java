package io.meshdojo.content;

import java.io.IOException;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a folder of text files packaged with the service, whether it sits in a directory (tests,
 * dev) or inside the jar. A known anchor file locates the folder, since class loaders do not
 * reliably answer for directories.
 */
public final class ClasspathFolder {

  private ClasspathFolder() {}

  /**
   * @param folder classpath folder, e.g. {@code meshdojo/content}
   * @param anchor a file directly inside it that always exists
   * @return file contents keyed by path relative to the folder, with '/' separators, sorted
   */
  public static Map<String, String> read(String folder, String anchor) {
    URL url = Thread.currentThread().getContextClassLoader().getResource(folder + "/" + anchor);
    if (url == null) {
      throw new IllegalStateException(
          "Packaged folder " + folder + " is missing (no " + anchor + " on the classpath)");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        return readJar(uri, folder);
      }
      return readTree(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("Cannot read packaged folder " + folder, e);
    }
  }

  /** Reads every regular file below a directory on disk. */
  public static Map<String, String> readTree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .filter(Files::isRegularFile)
          .forEach(
              p -> {
                String relative = root.relativize(p).toString().replace('\\', '/');
                try {
                  files.put(relative, Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return files;
  }

  private static Map<String, String> readJar(URI uri, String folder) throws IOException {
    String jar = uri.toString().substring(0, uri.toString().indexOf("!/"));
    URI jarUri = URI.create(jar);
    try {
      FileSystem fs = FileSystems.newFileSystem(jarUri, Map.of());
      try (fs) {
        return readTree(fs.getPath(folder));
      }
    } catch (FileSystemAlreadyExistsException e) {
      return readTree(FileSystems.getFileSystem(jarUri).getPath(folder));
    }
  }
}

package io.meshdojo.sandbox.kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of {@code infra/} the kind backend installs from, by path relative to it: by default
 * the ones packaged in the service's jar (the very files the embedded backend and the grader read),
 * or an operator's own folder.
 */
public interface InfraFiles {

  /** The file's bytes, or empty when there is no such file. */
  Optional<byte[]> find(String path);

  /** The file's bytes; an {@link IllegalArgumentException} naming it when it is missing. */
  default byte[] read(String path) {
    return find(path)
        .orElseThrow(() -> new IllegalArgumentException("no file infra/" + path + " in " + this));
  }

  /** {@code infra/} as packaged in the jar, under {@code /meshdojo/infra/}. */
  static InfraFiles packaged() {
    return new InfraFiles() {
      @Override
      public Optional<byte[]> find(String path) {
        if (path.contains("..")) {
          return Optional.empty();
        }
        try (InputStream in = InfraFiles.class.getResourceAsStream("/meshdojo/infra/" + path)) {
          return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public String toString() {
        return "the service's jar";
      }
    };
  }

  /** A folder laid out as {@code infra/}. */
  static InfraFiles directory(Path folder) {
    Path root = folder.toAbsolutePath().normalize();
    return new InfraFiles() {
      @Override
      public Optional<byte[]> find(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
          return Optional.empty();
        }
        try {
          return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public String toString() {
        return root.toString();
      }
    };
  }
}

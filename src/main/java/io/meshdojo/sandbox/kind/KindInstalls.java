package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads {@code infra/kind/*.yaml}: one {@link KindInstall} per environment. */
public final class KindInstalls {

  /** Files in infra/kind/ that describe the backend rather than an environment. */
  static final String RUNTIME_FILE = "runtime.yaml";

  private static final ObjectMapper YAML =
      new YAMLMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private KindInstalls() {}

  /**
   * Every environment's install, by name, validated; referenced files (other than the baseline,
   * which belongs to infra/environments/) must exist under {@code infraDir}.
   *
   * @throws IllegalArgumentException naming the file and the problem
   */
  public static Map<String, KindInstall> load(Path infraDir) {
    Path kindDir = infraDir.resolve("kind");
    Map<String, KindInstall> installs = new TreeMap<>();
    try (Stream<Path> files = Files.list(kindDir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".yaml") || name.equals(RUNTIME_FILE)) {
          continue;
        }
        KindInstall install = read(file);
        String expected = name.substring(0, name.length() - ".yaml".length());
        if (!expected.equals(install.environment())) {
          throw new IllegalArgumentException(
              file + ": environment '" + install.environment() + "' should be '" + expected + "'");
        }
        List<String> missing = missingFiles(install, infraDir);
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException(file + ": referenced files missing: " + missing);
        }
        installs.put(expected, install);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kindDir, e);
    }
    return installs;
  }

  /** One file, parsed strictly (unknown keys are errors) and validated. */
  public static KindInstall read(Path file) {
    try {
      return YAML.readValue(file.toFile(), KindInstall.class).validated();
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Images the backend runs beside the clusters ({@code infra/kind/runtime.yaml}). */
  public static RuntimeImages runtimeImages(Path infraDir) {
    Path file = infraDir.resolve("kind").resolve(RUNTIME_FILE);
    try {
      return YAML.readValue(file.toFile(), RuntimeImages.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** The helm sidecar's image. */
  public record RuntimeImages(Image helm) {
    /** A container image reference. */
    public record Image(String image) {}
  }

  /** Files the install's plan uses that are not under {@code infraDir}, baseline excepted. */
  static List<String> missingFiles(KindInstall install, Path infraDir) {
    List<String> missing = new ArrayList<>();
    for (String file : InstallPlan.of(install).files()) {
      if (file.equals(install.baseline().path())) {
        continue;
      }
      if (!Files.exists(infraDir.resolve(file))) {
        missing.add(file);
      }
    }
    return missing;
  }
}

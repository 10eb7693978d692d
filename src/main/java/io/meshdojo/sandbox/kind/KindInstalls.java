package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.Environments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code infra/kind/<environment>.yaml}: how each environment of {@code infra/environments/}
 * is installed on a real cluster, one {@link KindInstall} each.
 */
public final class KindInstalls {

  /** Files in infra/kind/ that describe the backend rather than an environment. */
  static final String RUNTIME_FILE = "runtime.yaml";

  private static final ObjectMapper YAML =
      new YAMLMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private KindInstalls() {}

  /** The installs of a folder laid out as {@code infra/} (a repository checkout). */
  public static Map<String, KindInstall> load(Path infraDir) {
    return load(
        InfraFiles.directory(infraDir),
        Environments.fromDirectory(infraDir.resolve("environments")));
  }

  /**
   * One install per environment, {@code kind/<name>.yaml}, in that environment's versions and
   * validated; the files its plan uses (other than the baseline, which belongs to {@code
   * environments/}) must exist.
   *
   * @throws IllegalArgumentException naming the file and the problem
   */
  public static Map<String, KindInstall> load(InfraFiles files, Environments environments) {
    Map<String, KindInstall> installs = new TreeMap<>();
    for (Environment env : environments.all()) {
      String path = "kind/" + env.name() + ".yaml";
      byte[] text =
          files
              .find(path)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "environment "
                              + env.name()
                              + " has no kind install: no infra/"
                              + path
                              + " in "
                              + files));
      KindInstall install = read(path, text, env);
      List<String> missing = missingFiles(install, files);
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(path + ": referenced files missing: " + missing);
      }
      installs.put(env.name(), install);
    }
    return installs;
  }

  /** One file, parsed strictly (unknown keys are errors), put in its environment and validated. */
  static KindInstall read(String source, byte[] text, Environment env) {
    try {
      KindInstall recipe = YAML.readValue(text, KindInstall.class);
      if (!env.name().equals(recipe.environment())) {
        throw new IllegalArgumentException(
            "environment '" + recipe.environment() + "' should be '" + env.name() + "'");
      }
      return recipe.inEnvironment(env).validated();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** Images the backend runs beside the clusters ({@code infra/kind/runtime.yaml}). */
  public static RuntimeImages runtimeImages(InfraFiles files) {
    String path = "kind/" + RUNTIME_FILE;
    try {
      return YAML.readValue(files.read(path), RuntimeImages.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  /** The helm sidecar's image. */
  public record RuntimeImages(Image helm) {
    /** A container image reference. */
    public record Image(String image) {}
  }

  /** Files the install's plan uses that are missing, baseline excepted. */
  static List<String> missingFiles(KindInstall install, InfraFiles files) {
    List<String> missing = new ArrayList<>();
    for (String file : InstallPlan.of(install).files()) {
      if (file.equals(install.baseline().path())) {
        continue;
      }
      if (files.find(file).isEmpty()) {
        missing.add(file);
      }
    }
    return missing;
  }
}

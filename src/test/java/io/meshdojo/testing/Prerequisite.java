package io.meshdojo.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A program or file the suite needs from the machine. On a developer's machine a missing one skips
 * the tests that need it, with the reason; in CI ({@code CI=true}) it fails them, so a run cannot
 * look green while skipping the product. The one place where tests may skip for a missing tool
 * ({@code PrerequisiteUseTest} keeps it so).
 */
public enum Prerequisite {
  KUBECTL(
      "kubectl (the real client the sandbox API is tested with)",
      "install kubectl 1.30+ at /usr/bin/kubectl, or set KUBECTL",
      Path.of(System.getenv().getOrDefault("KUBECTL", "/usr/bin/kubectl"))),
  CHROMIUM(
      "Debian's chromium (the real-browser tests)",
      "apt-get install chromium chromium-driver",
      Path.of("/usr/bin/chromium")),
  CHROMEDRIVER(
      "Debian's chromedriver (drives chromium without downloading anything)",
      "apt-get install chromium chromium-driver",
      Path.of("/usr/bin/chromedriver")),
  CURL(
      "curl (the probe scripts real traffic runs)",
      "apt-get install curl",
      Path.of("/usr/bin/curl")),
  PACKAGED_JAR(
      "the packaged service (target/quarkus-app/quarkus-run.jar)",
      "run the integration tests through mvn verify, which packages the jar first",
      Path.of("target", "quarkus-app", "quarkus-run.jar")),
  PACKAGED_POSTGRESQL_JAR(
      "the service packaged for PostgreSQL (target/postgresql/quarkus-run.jar)",
      "run the integration tests through mvn verify, which builds it before the default jar",
      Path.of("target", "postgresql", "quarkus-run.jar"));

  private final String what;
  private final String howToGet;
  private final List<Path> files;

  Prerequisite(String what, String howToGet, Path... files) {
    this.what = what;
    this.howToGet = howToGet;
    this.files = List.of(files);
  }

  /** The first of its files, for tests that run it. */
  public Path path() {
    return files.get(0);
  }

  public boolean present() {
    return files.stream()
        .allMatch(
            f ->
                f.getFileName().toString().endsWith(".jar")
                    ? Files.isRegularFile(f)
                    : Files.isExecutable(f));
  }

  /** Skips the calling test when absent, or fails it when running in CI. */
  public void require() {
    require(present(), "true".equalsIgnoreCase(System.getenv("CI")), reason());
  }

  String reason() {
    return "needs " + what + ", missing at " + files + ": " + howToGet;
  }

  static void require(boolean present, boolean inCi, String reason) {
    if (present) {
      return;
    }
    if (inCi) {
      throw new AssertionError("CI=true and a prerequisite is missing: " + reason);
    }
    Assumptions.abort(reason);
  }
}

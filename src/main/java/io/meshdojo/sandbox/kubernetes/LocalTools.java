package io.meshdojo.sandbox.kubernetes;

import io.meshdojo.sandbox.kind.CommandStepExecutor;
import io.meshdojo.sandbox.kind.CommandStepExecutor.Result;
import io.meshdojo.sandbox.kind.CommandStepExecutor.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The service's own {@code kubectl} and {@code helm}, run as processes against a sandbox pod's
 * inner cluster, in a work folder of their own (files, kubeconfig, and helm's repositories and
 * cache, so installs running side by side do not share state). Closing removes the folder.
 */
final class LocalTools implements CommandStepExecutor.Tools, AutoCloseable {

  /** Longer than any single command of a plan: waits are sliced, helm installs do not wait. */
  static final long COMMAND_MINUTES = 10;

  private final Path workdir;
  private final Path kubeconfig;

  private LocalTools(Path workdir, Path kubeconfig) {
    this.workdir = workdir;
    this.kubeconfig = kubeconfig;
  }

  /** A fresh work folder holding the cluster's kubeconfig, readable by this user only. */
  static LocalTools against(String kubeconfig) throws IOException {
    Path workdir = Files.createTempDirectory("meshdojo-install-");
    Path file = workdir.resolve("kubeconfig");
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, kubeconfig, StandardCharsets.UTF_8);
    return new LocalTools(workdir, file);
  }

  @Override
  public String put(Tool tool, String path, byte[] content) throws IOException {
    Path target = workdir.resolve(path).normalize();
    if (!target.startsWith(workdir) || target.equals(kubeconfig)) {
      throw new IllegalArgumentException("a plan file must stay in the work folder: " + path);
    }
    Files.createDirectories(target.getParent());
    Files.write(target, content);
    return target.toString();
  }

  @Override
  public Result run(Tool tool, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workdir, "out-", ".txt");
    Path err = Files.createTempFile(workdir, "err-", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.put("HELM_CONFIG_HOME", workdir.resolve("helm/config").toString());
    env.put("HELM_CACHE_HOME", workdir.resolve("helm/cache").toString());
    env.put("HELM_DATA_HOME", workdir.resolve("helm/data").toString());
    Process process = builder.start();
    try {
      if (!process.waitFor(COMMAND_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(-1, "", command.get(0) + " took over " + COMMAND_MINUTES + " minutes");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Both tools are handed the inner cluster's kubeconfig. */
  @Override
  public Optional<String> kubeconfig(Tool tool) {
    return Optional.of(kubeconfig.toString());
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(workdir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

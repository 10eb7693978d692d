package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.Environments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An environment is defined once, in infra/environments/; infra/kind/ says only how each one is
 * installed on a real cluster. Every install file belongs to an environment, and every environment
 * has one.
 */
class EnvironmentsAgreeTest {

  @Test
  void everyKindInstallFileBelongsToAnEnvironmentAndEveryEnvironmentHasOne() throws IOException {
    Environments environments = Environments.fromDirectory(Path.of("infra", "environments"));
    List<String> names = environments.all().stream().map(Environment::name).toList();
    List<String> installFiles;
    try (Stream<Path> files = Files.list(Path.of("infra", "kind"))) {
      installFiles =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals(KindInstalls.RUNTIME_FILE))
              .map(n -> n.substring(0, n.length() - ".yaml".length()))
              .toList();
    }
    assertThat(installFiles).containsExactlyInAnyOrderElementsOf(names);
    assertThat(KindInstalls.load(Path.of("infra")).keySet())
        .containsExactlyInAnyOrderElementsOf(names);
  }
}

package io.meshdojo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Keeps {@link Prerequisite} the only way a test skips itself for a missing tool: a bare JUnit
 * assumption would skip silently in CI too.
 */
class PrerequisiteUseTest {

  private static final Pattern BARE_ASSUMPTION =
      Pattern.compile("\\bAssumptions\\b|\\bassume(True|False|That)\\s*\\(|\\babort\\s*\\(");

  @Test
  void noTestSkipsItselfExceptThroughPrerequisite() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.getFileName().toString().equals("Prerequisite.java"))
              .filter(f -> !f.getFileName().toString().equals("PrerequisiteUseTest.java"))
              .filter(PrerequisiteUseTest::assumesBare)
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders)
        .as("tests that skip through a JUnit assumption; use Prerequisite.X.require()")
        .isEmpty();
  }

  @Test
  void aMissingPrerequisiteFailsInCiAndSkipsElsewhere() {
    String reason = Prerequisite.KUBECTL.reason();
    assertThatThrownBy(() -> Prerequisite.require(false, true, reason))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining("kubectl");
    assertThatThrownBy(() -> Prerequisite.require(false, false, reason))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("/usr/bin/kubectl");
    assertThatCode(() -> Prerequisite.require(true, true, reason)).doesNotThrowAnyException();
  }

  private static boolean assumesBare(Path file) {
    try {
      return BARE_ASSUMPTION.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.meshdojo.grader.testing;

import io.meshdojo.grader.api.Environments;
import java.nio.file.Path;

/** The repository's {@code infra/environments/}, read once for the grader's tests. */
public final class RepositoryEnvironments {

  private static final Environments ENVIRONMENTS =
      Environments.fromDirectory(Path.of("infra", "environments"));

  private RepositoryEnvironments() {}

  public static Environments get() {
    return ENVIRONMENTS;
  }
}

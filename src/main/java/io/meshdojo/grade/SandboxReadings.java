package io.meshdojo.grade;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.api.ReadState;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.PerSandboxVersion;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each embedded sandbox's objects as the grader read them, kept at the sandbox's change version for
 * the next Check: a Check of an unchanged sandbox reads one number from the database instead of
 * every object, and the grader does not type and validate them again. At most {@code
 * meshdojo.check.kept-sandboxes} are kept, the least recently checked forgotten first.
 */
@ApplicationScoped
public class SandboxReadings {

  private final PerSandboxVersion<ReadState> kept;

  public SandboxReadings(Grader grader, ObjectStore store, MeshDojoConfig config) {
    this.kept =
        new PerSandboxVersion<>(
            store,
            config.check().keptSandboxes(),
            (sandbox, objects) -> grader.read("sandbox", objects));
  }

  /** The sandbox's objects as they are now, as the grader read them. */
  public ReadState of(String sandbox) {
    return kept.of(sandbox);
  }

  /** How many sandboxes' readings are kept. */
  int size() {
    return kept.size();
  }
}

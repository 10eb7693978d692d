package io.meshdojo.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerSandboxVersionTest {

  /** Sandboxes' versions and objects, as the database would hold them, and every read of them. */
  private final Map<String, Long> versions = new HashMap<>();

  private final List<String> objectReads = new ArrayList<>();
  private Runnable duringRead = () -> {};

  private PerSandboxVersion<String> kept(int max) {
    return new PerSandboxVersion<>(
        sandbox -> versions.getOrDefault(sandbox, 0L),
        sandbox -> {
          objectReads.add(sandbox);
          duringRead.run();
          return List.of(Map.of("version", versions.getOrDefault(sandbox, 0L)));
        },
        max,
        (sandbox, objects) -> sandbox + "@" + objects.get(0).get("version"));
  }

  @Test
  void anUnchangedSandboxIsNotReadAgainAndAChangedOneIs() {
    PerSandboxVersion<String> kept = kept(10);
    versions.put("a", 3L);
    assertThat(kept.of("a")).isEqualTo("a@3");
    assertThat(kept.of("a")).isEqualTo("a@3");
    assertThat(objectReads).containsExactly("a");

    versions.put("a", 4L);
    assertThat(kept.of("a")).isEqualTo("a@4");
    assertThat(objectReads).containsExactly("a", "a");
  }

  @Test
  void aWriteBetweenTheVersionAndTheObjectsIsReadAgainNextTime() {
    PerSandboxVersion<String> kept = kept(10);
    versions.put("a", 1L);
    // the objects are read after a write committed: what is kept is newer than its version says
    duringRead = () -> versions.put("a", 2L);
    assertThat(kept.of("a")).isEqualTo("a@2");
    duringRead = () -> {};
    assertThat(kept.of("a")).isEqualTo("a@2");
    assertThat(objectReads).hasSize(2);
    assertThat(kept.of("a")).isEqualTo("a@2");
    assertThat(objectReads).hasSize(2);
  }

  @Test
  void atMostMaxSandboxesAreKeptTheLeastRecentlyUsedGoFirst() {
    PerSandboxVersion<String> kept = kept(2);
    kept.of("a");
    kept.of("b");
    kept.of("a");
    kept.of("c");
    assertThat(kept.size()).isEqualTo(2);
    objectReads.clear();
    kept.of("a");
    kept.of("c");
    assertThat(objectReads).isEmpty();
    kept.of("b");
    assertThat(objectReads).containsExactly("b");
    assertThat(kept.size()).isEqualTo(2);
  }
}

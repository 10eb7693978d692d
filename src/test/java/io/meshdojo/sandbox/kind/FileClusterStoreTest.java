package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.sandbox.kind.ClusterStore.ClusterRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileClusterStoreTest {

  static final Instant T = Instant.parse("2026-11-23T10:15:30Z");

  @Test
  void recordsSurviveANewStoreOnTheSameDirectory(@TempDir Path dir) {
    ClusterRecord leased =
        new ClusterRecord(
            "kind-abc",
            "bookinfo",
            true,
            "alice",
            "apiVersion: v1\n",
            T,
            T,
            T.plusSeconds(60),
            null);
    ClusterRecord warm =
        new ClusterRecord("kind-def", "ecosystem", false, null, "kc", T, null, null, "workshop-7");
    FileClusterStore store = new FileClusterStore(dir.resolve("kind"));
    store.save(leased);
    store.save(warm);
    store.save(leased);

    assertThat(new FileClusterStore(dir.resolve("kind")).all()).containsExactly(leased, warm);
    store.delete("kind-abc");
    store.delete("kind-never");
    assertThat(new FileClusterStore(dir.resolve("kind")).all()).containsExactly(warm);
  }

  @Test
  void recordsAreReadableByTheServiceOnlyAndNoTemporaryFileRemains(@TempDir Path dir)
      throws Exception {
    FileClusterStore store = new FileClusterStore(dir);
    store.save(
        new ClusterRecord("kind-abc", "bookinfo", false, null, "secret", T, null, null, null));
    assertThat(Files.list(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("kind-abc.json");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("kind-abc.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void anIdCannotReachOutsideTheDirectory(@TempDir Path dir) {
    FileClusterStore store = new FileClusterStore(dir);
    assertThatThrownBy(() -> store.delete("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store.save(
                    new ClusterRecord("a/b", "bookinfo", false, null, null, T, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreadableRecordIsSkippedAndAMissingDirectoryIsEmpty(@TempDir Path dir) throws Exception {
    assertThat(new FileClusterStore(dir.resolve("absent")).all()).isEmpty();
    FileClusterStore store = new FileClusterStore(dir);
    store.save(new ClusterRecord("kind-ok", "bookinfo", false, null, "kc", T, null, null, null));
    Files.writeString(dir.resolve("kind-broken.json"), "{not json");
    assertThat(store.all()).extracting(ClusterRecord::id).containsExactly("kind-ok");
  }

  @Test
  void aRecordWrittenBeforeReservationsExistedReadsAsUnreserved(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("kind-old.json"),
        "{\"id\":\"kind-old\",\"environment\":\"bookinfo\",\"leased\":false,"
            + "\"kubeconfig\":\"kc\",\"createdAt\":\"2026-11-23T09:00:00Z\"}");
    assertThat(new FileClusterStore(dir).all())
        .singleElement()
        .satisfies(r -> assertThat(r.reservedFor()).isNull())
        .satisfies(r -> assertThat(r.environment()).isEqualTo("bookinfo"));
  }
}

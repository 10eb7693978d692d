package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Remembers clusters as one JSON file each in a directory (they hold admin kubeconfigs: readable by
 * the service's user only). Each write goes to a temporary file first and is moved into place, so a
 * crash leaves the old record or the new one, never half of one.
 */
public final class FileClusterStore implements ClusterStore {

  private static final Logger LOG = Logger.getLogger(FileClusterStore.class);
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final Path dir;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public FileClusterStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public synchronized void save(ClusterRecord cluster) {
    Path target = file(cluster.id());
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".cluster-", ".tmp");
      restrict(tmp);
      json.writeValue(tmp.toFile(), cluster);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record sandbox cluster " + cluster.id(), e);
    }
  }

  @Override
  public synchronized void delete(String id) {
    try {
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot forget sandbox cluster " + id, e);
    }
  }

  @Override
  public synchronized List<ClusterRecord> all() {
    List<ClusterRecord> records = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return records;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (!f.getFileName().toString().endsWith(".json")) {
          continue;
        }
        try {
          records.add(json.readValue(f.toFile(), ClusterRecord.class));
        } catch (IOException e) {
          // An unreadable record cannot be adopted; its cluster will be removed as an orphan.
          LOG.warnf("Ignoring unreadable sandbox cluster record %s: %s", f, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return records;
  }

  private Path file(String id) {
    if (!SAFE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a sandbox cluster id: " + id);
    }
    return dir.resolve(id + ".json");
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: rely on the directory's permissions.
    }
  }
}

package io.meshdojo.sandbox.kind;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/** How many sandbox clusters one host can run. */
public final class HostCapacity {

  private HostCapacity() {}

  /**
   * One cluster per {@code perCluster} bytes of memory beyond {@code reserve} (kept for the
   * service, the database and the operating system), and at least one.
   */
  public static int fromMemory(long totalBytes, long reserveBytes, long perClusterBytes) {
    if (perClusterBytes <= 0) {
      throw new IllegalArgumentException("memory per cluster must be positive");
    }
    long spare = totalBytes - reserveBytes;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, spare / perClusterBytes));
  }

  /** The configured maximum, or one derived from this machine's physical memory. */
  public static int maxClusters(Optional<Integer> configured, long reserveBytes, long perCluster) {
    return configured.orElseGet(() -> fromMemory(physicalMemory(), reserveBytes, perCluster));
  }

  /** Physical memory of the host, or 0 if the JVM cannot tell. */
  static long physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }
}

package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostCapacityTest {

  static final long GIB = 1024L * 1024 * 1024;

  @Test
  void oneClusterPerSliceOfMemoryBeyondTheReserve() {
    assertThat(HostCapacity.fromMemory(23 * GIB, 4 * GIB, 3 * GIB)).isEqualTo(6);
    assertThat(HostCapacity.fromMemory(16 * GIB, 4 * GIB, 3 * GIB)).isEqualTo(4);
    assertThat(HostCapacity.fromMemory(64 * GIB, 8 * GIB, 4 * GIB)).isEqualTo(14);
  }

  @Test
  void aSmallHostStillRunsOneCluster() {
    assertThat(HostCapacity.fromMemory(6 * GIB, 4 * GIB, 3 * GIB)).isEqualTo(1);
    assertThat(HostCapacity.fromMemory(2 * GIB, 4 * GIB, 3 * GIB)).isEqualTo(1);
    assertThat(HostCapacity.fromMemory(0, 4 * GIB, 3 * GIB)).isEqualTo(1);
  }

  @Test
  void aConfiguredMaximumWinsOverTheMemoryRule() {
    assertThat(HostCapacity.maxClusters(Optional.of(9), 4 * GIB, 3 * GIB)).isEqualTo(9);
    long physical = HostCapacity.physicalMemory();
    assertThat(HostCapacity.maxClusters(Optional.empty(), 4 * GIB, 3 * GIB))
        .isEqualTo(HostCapacity.fromMemory(physical, 4 * GIB, 3 * GIB));
  }

  @Test
  void memoryPerClusterMustBePositive() {
    assertThatThrownBy(() -> HostCapacity.fromMemory(8 * GIB, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

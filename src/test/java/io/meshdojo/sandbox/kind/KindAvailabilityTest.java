package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KindAvailabilityTest {

  @Test
  void switchedOffItDoesNotEvenLookForDocker() {
    DockerProbe mustNotBeAsked =
        () -> {
          throw new AssertionError("probed although disabled");
        };
    assertThat(KindAvailability.assess(false, mustNotBeAsked))
        .isEqualTo(new KindAvailability(false, "disabled by configuration"));
  }

  @Test
  void availableOnlyWhenDockerAnswers() {
    assertThat(KindAvailability.assess(true, Optional::empty))
        .isEqualTo(new KindAvailability(true, null));
    assertThat(KindAvailability.assess(true, () -> Optional.of("no Docker engine")))
        .isEqualTo(new KindAvailability(false, "no Docker engine"));
  }

  @Test
  void aProbeThatThrowsMeansUnavailableNotACrash() {
    DockerProbe broken =
        () -> {
          throw new IllegalStateException("socket exploded");
        };
    assertThat(KindAvailability.assess(true, broken))
        .isEqualTo(new KindAvailability(false, "no Docker engine (IllegalStateException)"));
  }

  @Test
  void theTestcontainersProbeAnswersWithoutThrowing() {
    Optional<String> reason = DockerProbe.testcontainers().unavailableReason();
    reason.ifPresent(r -> assertThat(r).startsWith("no Docker engine"));
  }
}

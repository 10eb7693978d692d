package io.meshdojo.sandbox.kind;

import java.util.Optional;

/** Whether the kind backend can run on this host, and if not, why. */
public record KindAvailability(boolean available, String reason) {

  /** Decides once at start from the configuration and the Docker probe. */
  public static KindAvailability assess(boolean enabled, DockerProbe docker) {
    if (!enabled) {
      return new KindAvailability(false, "disabled by configuration");
    }
    Optional<String> problem;
    try {
      problem = docker.unavailableReason();
    } catch (RuntimeException e) {
      problem = Optional.of("no Docker engine (" + e.getClass().getSimpleName() + ")");
    }
    return problem
        .map(r -> new KindAvailability(false, r))
        .orElse(new KindAvailability(true, null));
  }
}

package io.meshdojo.sandbox.kind;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine is reachable; the kind backend needs one. */
@FunctionalInterface
public interface DockerProbe {

  /** Empty when Docker answers, else why the kind backend cannot run. Never throws. */
  Optional<String> unavailableReason();

  /** Asks Testcontainers, which tries the usual places (DOCKER_HOST, the socket, ...). */
  static DockerProbe testcontainers() {
    return () -> {
      try {
        return DockerClientFactory.instance().isDockerAvailable()
            ? Optional.empty()
            : Optional.of("no Docker engine");
      } catch (Throwable t) {
        // Anything from a missing socket to a broken client configuration means the same here.
        return Optional.of("no Docker engine (" + t.getClass().getSimpleName() + ")");
      }
    };
  }
}

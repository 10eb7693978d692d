package io.meshdojo.sandbox;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.fleet.FleetOnce;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Expires the sessions whose time is up, every {@code meshdojo.sandbox.expiry-check}, in one
 * replica of the fleet.
 */
@ApplicationScoped
public class SessionExpiry {

  static final String JOB = "expire-sessions";

  private final SessionService sessions;
  private final FleetOnce once;
  private final MeshDojoConfig config;

  public SessionExpiry(SessionService sessions, FleetOnce once, MeshDojoConfig config) {
    this.sessions = sessions;
    this.once = once;
    this.config = config;
  }

  @Scheduled(
      every = "${meshdojo.sandbox.expiry-check}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expireDue() {
    once.run(JOB, config.sandbox().expiryCheck(), sessions::expireDue);
  }
}

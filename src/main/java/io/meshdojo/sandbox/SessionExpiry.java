package io.meshdojo.sandbox;

import io.meshdojo.fleet.FleetOnce;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Expires the sessions whose time is up, once a minute, in one replica of the fleet. */
@ApplicationScoped
public class SessionExpiry {

  static final String JOB = "expire-sessions";
  static final Duration EVERY = Duration.ofMinutes(1);

  private final SessionService sessions;
  private final FleetOnce once;

  public SessionExpiry(SessionService sessions, FleetOnce once) {
    this.sessions = sessions;
    this.once = once;
  }

  @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expireDue() {
    once.run(JOB, EVERY, sessions::expireDue);
  }
}

package io.meshdojo.exam;

import io.meshdojo.fleet.FleetOnce;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The exam clock's job, once per period across replicas: starts the clock of attempts whose sandbox
 * became READY, and grades attempts whose time is up, also those whose time ran out while the
 * service was down (it runs as soon as the service is back) and those whose grading a dead replica
 * left unfinished.
 */
@ApplicationScoped
public class ExamClock {

  static final Duration PERIOD = Duration.ofSeconds(10);

  private final FleetOnce once;
  private final AttemptService attempts;

  public ExamClock(FleetOnce once, AttemptService attempts) {
    this.once = once;
    this.attempts = attempts;
  }

  @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    once.run("exam-clock", PERIOD, this::sweep);
  }

  /** One pass, on this thread. */
  public void sweep() {
    attempts.sweep(attempts.jobServiceUrl());
  }
}

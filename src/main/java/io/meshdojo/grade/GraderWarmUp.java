package io.meshdojo.grade;

import io.meshdojo.grader.api.Grader;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Grades every lab's starting state once, right after start, on a thread of its own: the first
 * learner's Check would otherwise pay for reading the labs and for loading and compiling the
 * grader's code (hundreds of milliseconds). It begins once the HTTP server listens, so that it does
 * not compete with start-up for the CPU; readiness does not wait for it.
 */
@ApplicationScoped
public class GraderWarmUp {

  private static final Logger LOG = Logger.getLogger(GraderWarmUp.class);

  private final Grader grader;

  public GraderWarmUp(Grader grader) {
    this.grader = grader;
  }

  void start(@ObservesAsync HttpServerStart started) {
    Thread thread = new Thread(this::warm, "grader-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private void warm() {
    long began = System.nanoTime();
    for (String lab : grader.labIds()) {
      try {
        grader.grade(lab, List.of(), "en");
      } catch (RuntimeException e) {
        // A lab that cannot be graded fails its learners' Checks with the real error; warming up
        // only says so in the log.
        LOG.warnf(e, "warming up the grader: lab %s could not be graded", lab);
      }
    }
    LOG.debugf("grader warmed up in %d ms", (System.nanoTime() - began) / 1_000_000);
  }
}

package io.meshdojo.grade;

import io.meshdojo.grader.api.Grader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's one grader: it reads each packaged lab once and keeps it for every caller. */
@ApplicationScoped
public class GraderProducer {

  @Produces
  @Singleton
  Grader grader() {
    return Grader.fromClasspath();
  }
}

package io.meshdojo.grade;

import io.meshdojo.grader.api.Grader;
import io.meshdojo.sandbox.EnvironmentCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's one grader: it reads each packaged lab once and keeps it for every caller, and
 * grades in the very environments the sandboxes are built from.
 */
@ApplicationScoped
public class GraderProducer {

  @Produces
  @Singleton
  Grader grader(EnvironmentCatalog environments) {
    return Grader.fromClasspath(environments.environments());
  }
}

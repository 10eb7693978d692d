package io.meshdojo.ui;

import io.meshdojo.lab.LabService;
import io.meshdojo.lesson.LessonService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the curriculum and the labs are loaded (the database has its own check). */
@Readiness
@ApplicationScoped
public class CatalogueReadiness implements HealthCheck {

  private final LessonService lessons;
  private final LabService labs;

  public CatalogueReadiness(LessonService lessons, LabService labs) {
    this.lessons = lessons;
    this.labs = labs;
  }

  @Override
  public HealthCheckResponse call() {
    int lessonCount = lessons.catalogue().size();
    int labCount = labs.list().size();
    return HealthCheckResponse.named("catalogue")
        .status(lessonCount > 0 && labCount > 0)
        .withData("lessons", lessonCount)
        .withData("labs", labCount)
        .build();
  }
}

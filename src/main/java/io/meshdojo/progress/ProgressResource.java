package io.meshdojo.progress;

import io.meshdojo.content.ProgressStatus;
import io.meshdojo.lesson.LessonService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in learner's status in every lab and lesson. */
@Path("/api/me/progress")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Progress")
public class ProgressResource {

  /** Lessons by id; labs in curriculum order with the hints and solution they revealed. */
  public record Progress(Map<String, ProgressStatus> lessons, List<LabProgress.Standing> labs) {}

  private final LabProgress labs;
  private final LessonService lessons;
  private final SecurityIdentity identity;

  public ProgressResource(LabProgress labs, LessonService lessons, SecurityIdentity identity) {
    this.labs = labs;
    this.lessons = lessons;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary =
          "My status (NOT_STARTED, IN_PROGRESS, DONE) in every lesson and lab, with hints and"
              + " solutions revealed")
  public Progress progress() {
    Optional<String> me = Optional.of(identity.getPrincipal().getName());
    return new Progress(lessons.statuses(me), List.copyOf(labs.of(me).values()));
  }
}

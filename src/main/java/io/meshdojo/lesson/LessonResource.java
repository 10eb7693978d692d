package io.meshdojo.lesson;

import io.meshdojo.web.Language;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lessons")
public class LessonResource {

  /** {@code language} is the language actually served: the other one when a lesson is missing. */
  public record LessonSummary(
      String id,
      String title,
      String track,
      int order,
      String summary,
      List<String> labs,
      String istio,
      String language) {
    static LessonSummary of(Lesson l) {
      return new LessonSummary(
          l.id(),
          l.title(),
          l.track(),
          l.order(),
          l.summary(),
          l.labs(),
          l.istio(),
          l.language().code());
    }
  }

  public record LessonDetail(LessonSummary lesson, boolean fallback, String html) {}

  public record Progress(List<String> read) {}

  private final LessonService lessons;
  private final SecurityIdentity identity;

  public LessonResource(LessonService lessons, SecurityIdentity identity) {
    this.lessons = lessons;
    this.identity = identity;
  }

  @GET
  @Path("/lessons")
  @Operation(summary = "Every lesson, in curriculum order")
  public List<LessonSummary> list(
      @Parameter(description = "en (default) or zh") @QueryParam("lang") String lang) {
    return lessons.list(Language.fromQuery(lang)).stream()
        .map(s -> LessonSummary.of(s.lesson()))
        .toList();
  }

  @GET
  @Path("/lessons/{id}")
  @Operation(summary = "One lesson with its rendered HTML")
  public LessonDetail get(@PathParam("id") String id, @QueryParam("lang") String lang) {
    LessonCatalogue.Served served =
        lessons
            .find(id, Language.fromQuery(lang))
            .orElseThrow(() -> new NotFoundException("No lesson '" + id + "'"));
    return new LessonDetail(
        LessonSummary.of(served.lesson()), served.fallback(), served.lesson().html());
  }

  @GET
  @Path("/me/lessons")
  @Authenticated
  @Operation(summary = "Ids of the lessons the signed-in learner has read")
  public Progress progress() {
    return new Progress(
        lessons.readBy(Optional.of(identity.getPrincipal().getName())).stream().sorted().toList());
  }

  @PUT
  @Path("/me/lessons/{id}/read")
  @Authenticated
  @Operation(summary = "Mark a lesson as read (idempotent)")
  public void markRead(@PathParam("id") String id) {
    lessons.markRead(identity.getPrincipal().getName(), id);
  }

  @DELETE
  @Path("/me/lessons/{id}/read")
  @Authenticated
  @Operation(summary = "Mark a lesson as not read")
  public void markUnread(@PathParam("id") String id) {
    lessons.markUnread(identity.getPrincipal().getName(), id);
  }
}

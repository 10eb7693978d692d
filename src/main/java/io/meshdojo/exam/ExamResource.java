package io.meshdojo.exam;

import io.meshdojo.account.Role;
import io.meshdojo.web.Language;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The exams, starting an attempt, and every attempt of an exam for its proctors. */
@Path("/api/exams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exams")
public class ExamResource {

  public record DomainWeight(String domain, String title, int weight) {}

  public record ExamSummary(
      String id,
      String title,
      long durationMinutes,
      int tasksPerAttempt,
      int passingScore,
      List<DomainWeight> domains) {}

  private final ExamCatalogue exams;
  private final AttemptService attempts;
  private final SecurityIdentity identity;

  public ExamResource(ExamCatalogue exams, AttemptService attempts, SecurityIdentity identity) {
    this.exams = exams;
    this.attempts = attempts;
    this.identity = identity;
  }

  @GET
  @Operation(summary = "Every exam: clock, tasks per attempt, pass mark and domain weights")
  public List<ExamSummary> list(
      @Parameter(description = "en (default) or zh") @QueryParam("lang") String lang) {
    Language language = Language.fromQuery(lang);
    return exams.all().stream().map(e -> summary(e, language)).toList();
  }

  static ExamSummary summary(Exam e, Language language) {
    return new ExamSummary(
        e.id(),
        e.title().in(language),
        e.duration().toMinutes(),
        e.tasksPerAttempt(),
        e.passingScore(),
        e.domains().stream()
            .map(d -> new DomainWeight(d.id(), d.title().in(language), d.weight()))
            .toList());
  }

  @POST
  @Path("/{examId}/attempts")
  @Authenticated
  @Operation(
      summary = "Start an attempt: tasks drawn by a fresh seed, one sandbox holding their setup",
      description =
          "201 with the attempt; 404 for an unknown exam; 409 with the open attempt's id when the"
              + " candidate has one, or saying why no sandbox can be started")
  public Response start(
      @PathParam("examId") String examId,
      @Parameter(description = "en (default) or zh") @QueryParam("lang") String lang) {
    AttemptView view =
        attempts.start(identity.getPrincipal().getName(), examId, Language.fromQuery(lang));
    return Response.created(URI.create("/api/attempts/" + view.id())).entity(view).build();
  }

  @GET
  @Path("/{examId}/attempts")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary =
          "Every attempt at the exam, newest first: {id, candidate, status, startedAt, endsAt,"
              + " remainingSeconds, submittedAt, endedBy, score, pointsPercent, passed} (proctors)")
  public List<AttemptService.ProctorRow> proctor(@PathParam("examId") String examId) {
    return attempts.ofExam(examId);
  }

  @GET
  @Path("/{examId}/attempts.csv")
  @Produces("text/csv")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(summary = "Every attempt at the exam as CSV (proctors)")
  public Response csv(@PathParam("examId") String examId) {
    return Response.ok(attempts.csv(examId))
        .header("Content-Disposition", "attachment; filename=\"" + examId + "-attempts.csv\"")
        .build();
  }
}

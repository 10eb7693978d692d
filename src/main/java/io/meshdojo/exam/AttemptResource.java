package io.meshdojo.exam;

import io.meshdojo.web.BadInputException;
import io.meshdojo.web.Language;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One attempt: its tasks and clock, flags, notepad, kubeconfig, submit, result and review. Only the
 * candidate acts on it; instructors and admins may read it; anyone else gets 404.
 */
@Path("/api/attempts/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Exams")
public class AttemptResource {

  /** The body of a flag request. */
  public record Flag(Boolean flagged) {}

  private final AttemptService attempts;
  private final SecurityIdentity identity;

  public AttemptResource(AttemptService attempts, SecurityIdentity identity) {
    this.attempts = attempts;
    this.identity = identity;
  }

  private String user() {
    return identity.getPrincipal().getName();
  }

  private AttemptService.Caller caller() {
    return AttemptService.Caller.of(user(), identity::hasRole);
  }

  @GET
  @Operation(
      summary = "The attempt: status, clock (remainingSeconds from the stored endsAt) and tasks")
  public AttemptView get(
      @PathParam("id") String id,
      @Parameter(description = "en (default) or zh") @QueryParam("lang") String lang) {
    return attempts.view(caller(), id, Language.fromQuery(lang), true);
  }

  @PUT
  @Path("/tasks/{number}/flag")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Flag or unflag a task: {\"flagged\": true|false}")
  public AttemptView flag(
      @PathParam("id") String id,
      @PathParam("number") int number,
      Flag body,
      @QueryParam("lang") String lang) {
    if (body == null || body.flagged() == null) {
      throw new BadInputException("Send {\"flagged\": true} or {\"flagged\": false}");
    }
    return attempts.flag(user(), id, number, body.flagged(), Language.fromQuery(lang));
  }

  @POST
  @Path("/tasks/{number}/visit")
  @Operation(summary = "The candidate opened a task: it is marked visited and its time runs")
  public AttemptView visit(
      @PathParam("id") String id,
      @PathParam("number") int number,
      @QueryParam("lang") String lang) {
    return attempts.visit(user(), id, number, Language.fromQuery(lang));
  }

  @GET
  @Path("/notes")
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(summary = "The attempt's notepad")
  public String notes(@PathParam("id") String id) {
    return attempts.notes(user(), id);
  }

  @PUT
  @Path("/notes")
  @Consumes(MediaType.TEXT_PLAIN)
  @Operation(summary = "Replace the notepad (at most 64 KiB; wiped when the attempt ends)")
  public Response saveNotes(@PathParam("id") String id, String text) {
    attempts.saveNotes(user(), id, text == null ? "" : text);
    return Response.noContent().build();
  }

  @GET
  @Path("/kubeconfig")
  @Produces("application/yaml")
  @Operation(summary = "A kubeconfig for the attempt's sandbox")
  public Response kubeconfig(@PathParam("id") String id, @Context UriInfo uri) {
    return Response.ok(attempts.kubeconfig(user(), id, uri.getBaseUri().toString()))
        .header("Content-Disposition", "attachment; filename=\"kubeconfig-exam-" + id + ".yaml\"")
        .build();
  }

  @POST
  @Path("/submit")
  @Operation(
      summary = "Hand in: every task graded once from the sandbox, which then ends",
      description = "409 when the attempt was already submitted or graded")
  public AttemptResult submit(
      @PathParam("id") String id, @QueryParam("lang") String lang, @Context UriInfo uri) {
    return attempts.submit(user(), id, Language.fromQuery(lang), uri.getBaseUri().toString());
  }

  @GET
  @Path("/result")
  @Operation(summary = "The graded result: weighted score, per domain and per task")
  public AttemptResult result(@PathParam("id") String id, @QueryParam("lang") String lang) {
    return attempts.result(caller(), id, Language.fromQuery(lang));
  }

  @GET
  @Path("/review")
  @Operation(
      summary =
          "After grading: objectives with the grader's explanations and the reference"
              + " solution for the drawn parameters")
  public AttemptService.Review review(@PathParam("id") String id, @QueryParam("lang") String lang) {
    return attempts.review(caller(), id, Language.fromQuery(lang));
  }
}

package io.meshdojo.help;

import io.meshdojo.sandbox.DuringExam;
import io.meshdojo.web.Language;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reference solution of a lab, only on explicit confirmation, and never unrecorded. */
@Path("/api/labs/{id}/solution")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Progress")
public class SolutionResource {

  /** The body the caller must send: {@code {"confirm": true}}. */
  public record Confirmation(Boolean confirm) {}

  private final SolutionService solutions;
  private final SecurityIdentity identity;

  public SolutionResource(SolutionService solutions, SecurityIdentity identity) {
    this.solutions = solutions;
    this.identity = identity;
  }

  @POST
  @Operation(
      summary =
          "Reveal the reference solution ({\"confirm\": true} required): {lab, revealedAt,"
              + " files[{name, yaml}]}; later checks of the lab are marked afterSolution")
  @DuringExam(value = "A lab's solution", refused = DuringExam.Refused.WHILE_TAKING_AN_EXAM)
  public SolutionService.Solution reveal(
      @PathParam("id") String id,
      @Parameter(description = "en (default) or zh; the manifests are the same in both")
          @QueryParam("lang")
          String lang,
      Confirmation body) {
    Language.fromQuery(lang);
    boolean confirmed = body != null && Boolean.TRUE.equals(body.confirm());
    return solutions.reveal(identity.getPrincipal().getName(), id, confirmed);
  }
}

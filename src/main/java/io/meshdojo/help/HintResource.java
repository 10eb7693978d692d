package io.meshdojo.help;

import io.meshdojo.sandbox.DuringExam;
import io.meshdojo.web.Language;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A lab's hints for the signed-in learner: those revealed so far, and the next one on request. */
@Path("/api/labs/{id}/hints")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Progress")
public class HintResource {

  private final HintService hints;
  private final SecurityIdentity identity;

  public HintResource(HintService hints, SecurityIdentity identity) {
    this.hints = hints;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary =
          "The hints I have revealed: {revealed[{number, text}], remaining, total,"
              + " solutionRevealed}")
  @DuringExam(value = "Hints", refused = DuringExam.Refused.WHILE_TAKING_AN_EXAM)
  public HintService.Hints revealed(
      @PathParam("id") String id,
      @Parameter(description = "en (default) or zh") @QueryParam("lang") String lang) {
    return hints.revealed(identity.getPrincipal().getName(), id, Language.fromQuery(lang));
  }

  @POST
  @Path("next")
  @Operation(summary = "Reveal the next hint (recorded); past the last one nothing changes")
  @DuringExam(value = "Hints", refused = DuringExam.Refused.WHILE_TAKING_AN_EXAM)
  public HintService.Hints next(
      @PathParam("id") String id,
      @Parameter(description = "en (default) or zh") @QueryParam("lang") String lang) {
    return hints.revealNext(identity.getPrincipal().getName(), id, Language.fromQuery(lang));
  }
}

package io.meshdojo.workshop;

import io.meshdojo.account.Role;
import io.meshdojo.help.HintService;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.web.Language;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What an instructor does for one learner of a workshop they run, in one of its labs: the learner's
 * newest sandbox for it is the one acted on. Every action is in the audit list.
 */
@Path("/api/workshops/{id}/learners/{username}/labs/{lab}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
@Tag(name = "Workshops")
public class LearnerActionsResource {

  private final WorkshopService workshops;
  private final InstructorActions actions;
  private final SecurityIdentity identity;

  public LearnerActionsResource(
      WorkshopService workshops, InstructorActions actions, SecurityIdentity identity) {
    this.workshops = workshops;
    this.actions = actions;
    this.identity = identity;
  }

  @GET
  @Path("/objects")
  @Produces("application/yaml")
  @Operation(summary = "The learner's sandbox objects as YAML, read-only")
  public String objects(
      @PathParam("id") long id,
      @PathParam("username") String username,
      @PathParam("lab") String lab) {
    return actions.objects(workshop(id), username, lab);
  }

  @GET
  @Path("/check")
  @Operation(
      summary =
          "The learner's last recorded check, and the grader's explanations of the sandbox now"
              + " (not recorded)")
  public InstructorActions.LastCheck check(
      @PathParam("id") long id,
      @PathParam("username") String username,
      @PathParam("lab") String lab,
      @QueryParam("lang") String lang,
      @Context UriInfo uri) {
    return actions.lastCheck(
        workshop(id), username, lab, Language.fromQuery(lang), uri.getBaseUri().toString());
  }

  @POST
  @Path("/reset")
  @Operation(summary = "Reset the learner's sandbox to the lab's start")
  public SandboxView reset(
      @PathParam("id") long id,
      @PathParam("username") String username,
      @PathParam("lab") String lab) {
    return actions.reset(workshop(id), user(), username, lab);
  }

  @POST
  @Path("/extend")
  @Operation(summary = "Give the learner's sandbox more time")
  public SandboxView extend(
      @PathParam("id") long id,
      @PathParam("username") String username,
      @PathParam("lab") String lab) {
    return actions.extend(workshop(id), user(), username, lab);
  }

  @POST
  @Path("/end")
  @Operation(summary = "End the learner's sandbox")
  public Response end(
      @PathParam("id") long id,
      @PathParam("username") String username,
      @PathParam("lab") String lab) {
    actions.end(workshop(id), user(), username, lab);
    return Response.noContent().build();
  }

  @POST
  @Path("/hints/next")
  @Operation(summary = "Reveal the next hint of the lab to the learner")
  public HintService.Hints revealHint(
      @PathParam("id") long id,
      @PathParam("username") String username,
      @PathParam("lab") String lab,
      @QueryParam("lang") String lang) {
    return actions.revealHint(workshop(id), user(), username, lab, Language.fromQuery(lang));
  }

  private Workshop workshop(long id) {
    return workshops.runnable(user(), id);
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}

package io.meshdojo.grade;

import io.meshdojo.sandbox.DuringExam;
import io.meshdojo.web.Language;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The "Check" of a lab: the grader's verdict on what the learner's sandbox holds. */
@Path("/api/sessions/{id}/check")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sandboxes")
public class CheckResource {

  private final CheckService checks;
  private final SecurityIdentity identity;

  public CheckResource(CheckService checks, SecurityIdentity identity) {
    this.checks = checks;
    this.identity = identity;
  }

  @POST
  @Operation(
      summary =
          "Grade the sandbox: {lab, passed, score, maxScore, objectives[], findings[]} in en or zh")
  @DuringExam(
      value = "A Check (with its findings)",
      refused = DuringExam.Refused.WHILE_TAKING_AN_EXAM)
  public Map<String, Object> check(
      @PathParam("id") String id, @QueryParam("lang") String lang, @Context UriInfo uri) {
    return checks
        .check(
            identity.getPrincipal().getName(),
            id,
            Language.fromQuery(lang),
            uri.getBaseUri().toString())
        .toJsonMap();
  }
}

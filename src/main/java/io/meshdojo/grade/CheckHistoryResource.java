package io.meshdojo.grade;

import io.meshdojo.lab.LabService;
import io.meshdojo.sandbox.DuringExam;
import io.meshdojo.web.BadInputException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in learner's own checks of a lab. Nobody sees anyone else's. */
@Path("/api/labs/{id}/checks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Progress")
public class CheckHistoryResource {

  private final CheckHistory history;
  private final LabService labs;
  private final SecurityIdentity identity;

  public CheckHistoryResource(CheckHistory history, LabService labs, SecurityIdentity identity) {
    this.history = history;
    this.labs = labs;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary =
          "My checks of this lab, newest first: {lab, session, checkedAt, score, maxScore, passed,"
              + " afterSolution, objectives[{id, passed, points}]}")
  @DuringExam(
      value = "The history of Checks (with their findings)",
      refused = DuringExam.Refused.WHILE_TAKING_AN_EXAM)
  public List<CheckHistory.Entry> checks(
      @PathParam("id") String id,
      @Parameter(description = "how many, 1 to 100 (default 20)") @QueryParam("limit")
          String limit) {
    labs.require(id);
    return history.ofLab(identity.getPrincipal().getName(), id, parse(limit));
  }

  private static int parse(String limit) {
    if (limit == null || limit.isBlank()) {
      return CheckHistory.DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(limit.trim());
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "limit must be a whole number between 1 and " + CheckHistory.MAX_LIMIT);
    }
  }
}

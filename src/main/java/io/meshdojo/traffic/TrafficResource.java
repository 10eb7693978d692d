package io.meshdojo.traffic;

import io.meshdojo.sandbox.DuringExam;
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

/** "Send real traffic": a behaviour objective's probes, sent in a kind sandbox and counted. */
@Path("/api/sessions/{id}/traffic")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sandboxes")
public class TrafficResource {

  private final TrafficService traffic;
  private final SecurityIdentity identity;

  public TrafficResource(TrafficService traffic, SecurityIdentity identity) {
    this.traffic = traffic;
    this.identity = identity;
  }

  @POST
  @Operation(
      summary =
          "Send each probe of a behaviour objective 50 times in a kind sandbox: {objective,"
              + " traffic:[{probe, requests, shares:[{label, outcome, count, share}], expected,"
              + " skipped}]}; 409 for an embedded sandbox or one not READY")
  @DuringExam(value = "The traffic picture", refused = DuringExam.Refused.WHILE_TAKING_AN_EXAM)
  public Map<String, Object> send(
      @PathParam("id") String id, @QueryParam("objective") String objective, @Context UriInfo uri) {
    return traffic
        .send(identity.getPrincipal().getName(), id, objective, uri.getBaseUri().toString())
        .toJsonMap();
  }
}

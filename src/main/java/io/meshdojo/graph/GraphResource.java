package io.meshdojo.graph;

import io.meshdojo.sandbox.DuringExam;
import io.meshdojo.sandbox.metrics.SandboxMetrics;
import io.meshdojo.web.BadInputException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The lab page's mesh graph: the requests a learner sent in their own sandbox. */
@Path("/api/sessions/{id}/graph")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sandboxes")
public class GraphResource {

  static final int DEFAULT_MINUTES = 5;
  static final int MAX_MINUTES = (int) SandboxMetrics.HISTORY.toMinutes();

  private final MeshGraphService graphs;
  private final SecurityIdentity identity;

  public GraphResource(MeshGraphService graphs, SecurityIdentity identity) {
    this.graphs = graphs;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary =
          "Who called whom in the sandbox over the last ?minutes= (1 to 30, default 5), from the"
              + " requests the simulated data plane answered: {windowSeconds, simulated, nodes:[{id,"
              + " kind, namespace, name, version}], edges:[{source, target, requests, perSecond,"
              + " errors, errorShare, mtlsShare}]}")
  @DuringExam(value = "The mesh graph", refused = DuringExam.Refused.WHILE_TAKING_AN_EXAM)
  public MeshGraph graph(@PathParam("id") String id, @QueryParam("minutes") String minutes) {
    return graphs.graph(
        identity.getPrincipal().getName(), id, Duration.ofMinutes(minutes(minutes)));
  }

  private static int minutes(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_MINUTES;
    }
    try {
      int m = Integer.parseInt(text.trim());
      if (m >= 1 && m <= MAX_MINUTES) {
        return m;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadInputException("minutes must be a whole number from 1 to " + MAX_MINUTES);
  }
}

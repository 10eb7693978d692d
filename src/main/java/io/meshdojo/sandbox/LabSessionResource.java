package io.meshdojo.sandbox;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Starting a sandbox for a lab; the session is then reached under {@code /api/sessions}. */
@Path("/api/labs/{labId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sandboxes")
public class LabSessionResource {

  private final Sandboxes sessions;
  private final SecurityIdentity identity;

  public LabSessionResource(Sandboxes sessions, SecurityIdentity identity) {
    this.sessions = sessions;
    this.identity = identity;
  }

  @POST
  @Operation(summary = "Start a sandbox for a lab")
  @DuringExam(value = "A lab's sandbox", refused = DuringExam.Refused.WHILE_TAKING_AN_EXAM)
  public Response start(@PathParam("labId") String labId) {
    SandboxView view = sessions.start(identity.getPrincipal().getName(), labId);
    return Response.created(URI.create("/api/sessions/" + view.id())).entity(view).build();
  }
}

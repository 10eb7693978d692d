package io.meshdojo.sandbox;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A learner's sandboxes. Only the owner sees a session; for anyone else it does not exist. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sandboxes")
public class SessionResource {

  private final SessionService sessions;
  private final SecurityIdentity identity;

  public SessionResource(SessionService sessions, SecurityIdentity identity) {
    this.sessions = sessions;
    this.identity = identity;
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A sandbox's status and provisioning progress")
  public SessionService.View get(@PathParam("id") String id) {
    return sessions.view(user(), id);
  }

  @GET
  @Path("/{id}/kubeconfig")
  @Produces("application/yaml")
  @Operation(summary = "A kubeconfig for kubectl, with the sandbox's bearer token")
  public Response kubeconfig(@PathParam("id") String id, @Context UriInfo uri) {
    String base = uri.getBaseUri().toString();
    return Response.ok(sessions.kubeconfig(user(), id, base))
        .header("Content-Disposition", "attachment; filename=\"kubeconfig-" + id + ".yaml\"")
        .build();
  }

  @POST
  @Path("/{id}/reset")
  @Operation(summary = "Put the sandbox back as it was when the lab started")
  public SessionService.View reset(@PathParam("id") String id) {
    return sessions.reset(user(), id);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "End the sandbox; its kubeconfig stops working")
  public Response end(@PathParam("id") String id) {
    sessions.end(user(), id);
    return Response.noContent().build();
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}

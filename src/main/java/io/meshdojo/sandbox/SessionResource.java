package io.meshdojo.sandbox;

import io.meshdojo.web.PageRequest;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.DELETE;
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
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** A learner's sandboxes. Only the owner sees a session; for anyone else it does not exist. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sandboxes")
public class SessionResource {

  /** How often a stream looks at its session (provisioning steps take seconds to minutes). */
  static final Duration EVENTS_POLL = Duration.ofMillis(250);

  private final Sandboxes sessions;
  private final SecurityIdentity identity;

  public SessionResource(Sandboxes sessions, SecurityIdentity identity) {
    this.sessions = sessions;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary =
          "The caller's live sandboxes, newest first; ?lab= narrows to one lab; ?limit= (1 to 100,"
              + " default 20) and ?offset= (default 0) page through them")
  public List<SandboxView> live(
      @QueryParam("lab") String lab,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    PageRequest page = PageRequest.parse(limit, offset);
    return page.of(sessions.live(user(), lab));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A sandbox's status and provisioning progress")
  public SandboxView get(@PathParam("id") String id) {
    return sessions.view(user(), id);
  }

  @GET
  @Path("/{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary =
          "Server-sent events: the sandbox's state whenever its status or progress changes, until"
              + " it is READY, FAILED, ENDED or EXPIRED")
  public Multi<SandboxView> events(@PathParam("id") String id) {
    return sessions.events(user(), id, EVENTS_POLL);
  }

  @GET
  @Path("/{id}/kubeconfig")
  @Produces("application/yaml")
  @Operation(summary = "A kubeconfig for kubectl, with the sandbox's bearer token")
  public Response kubeconfig(@PathParam("id") String id, @Context UriInfo uri) {
    String base = uri.getBaseUri().toString();
    return Response.ok(sessions.learnerKubeconfig(user(), id, base))
        .header("Content-Disposition", "attachment; filename=\"kubeconfig-" + id + ".yaml\"")
        .build();
  }

  @POST
  @Path("/{id}/reset")
  @Operation(summary = "Put the sandbox back as it was when the lab started")
  @DuringExam(value = "Resetting it", refused = DuringExam.Refused.ON_AN_ATTEMPTS_SANDBOX)
  public SandboxView reset(@PathParam("id") String id) {
    return sessions.reset(user(), id);
  }

  @POST
  @Path("/{id}/extend")
  @Operation(summary = "Give a live sandbox more time (up to the longest a session may live)")
  @DuringExam(value = "Extending it", refused = DuringExam.Refused.ON_AN_ATTEMPTS_SANDBOX)
  public SandboxView extend(@PathParam("id") String id) {
    return sessions.extend(user(), id);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "End the sandbox; its kubeconfig stops working")
  @DuringExam(value = "Ending it", refused = DuringExam.Refused.ON_AN_ATTEMPTS_SANDBOX)
  public Response end(@PathParam("id") String id) {
    sessions.end(user(), id);
    return Response.noContent().build();
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}

package io.meshdojo.workshop;

import io.meshdojo.account.Role;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Workshops over JSON: instructors create and change them, learners join with a code. */
@Path("/api/workshops")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Workshops")
public class WorkshopResource {

  public record JoinRequest(String code) {}

  /** What a learner sees of a workshop they joined: its labs in order and their own progress. */
  public record LearnerView(
      long id,
      String title,
      List<String> labs,
      Instant startsAt,
      Instant endsAt,
      String status,
      Board.Learner progress,
      List<Announcements.View> announcements) {}

  private final WorkshopService workshops;
  private final BoardService board;
  private final InstructorActions actions;
  private final Announcements announcements;
  private final SecurityIdentity identity;

  public WorkshopResource(
      WorkshopService workshops,
      BoardService board,
      InstructorActions actions,
      Announcements announcements,
      SecurityIdentity identity) {
    this.workshops = workshops;
    this.board = board;
    this.actions = actions;
    this.announcements = announcements;
    this.identity = identity;
  }

  @POST
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary =
          "Create a workshop {title, labs[], startsAt, endsAt, capacity, coInstructors?, backend?,"
              + " stuckMinutes?, stuckFailures?} (instructor, admin); 400 names the field")
  public Response create(WorkshopRequest request) {
    WorkshopView view = workshops.create(user(), request);
    return Response.created(URI.create("/api/workshops/" + view.id())).entity(view).build();
  }

  @GET
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(summary = "The workshops I run (all of them for an admin)")
  public List<WorkshopView> list() {
    return workshops.list(user());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(summary = "A workshop I run; 404 for anyone else's")
  public WorkshopView get(@PathParam("id") long id) {
    return workshops.view(workshops.runnable(user(), id));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary =
          "Change a workshop I run (the fields of POST, each optional); a later endsAt extends its"
              + " sandboxes")
  public WorkshopView change(@PathParam("id") long id, WorkshopRequest request) {
    WorkshopView view = workshops.change(user(), id, request);
    actions.followEnd(workshops.runnable(user(), id));
    return view;
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(summary = "Delete a workshop and its records (its owner or an admin)")
  public Response delete(@PathParam("id") long id) {
    workshops.delete(user(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("/join")
  @Operation(
      summary =
          "Join a workshop with its code {\"code\"}: 201, or 200 with the same enrolment when"
              + " joined before; 404 unknown code; 409 full, not yet open or over")
  public Response join(JoinRequest request) {
    WorkshopService.Joined joined = workshops.join(user(), request == null ? null : request.code());
    return Response.status(joined.created() ? 201 : 200)
        .location(URI.create("/api/workshops/" + joined.workshop() + "/me"))
        .entity(joined)
        .build();
  }

  @GET
  @Path("/{id}/me")
  @Operation(
      summary =
          "A workshop I joined (or run): its labs in order, my progress and its announcements")
  public LearnerView mine(@PathParam("id") long id) {
    Workshop w = workshops.visible(user(), id);
    return new LearnerView(
        w.id,
        w.title,
        w.labIds(),
        w.startsAt,
        w.end(),
        w.status(Instant.now()).name().toLowerCase(java.util.Locale.ROOT),
        board.learner(w, workshops.accountId(user())).orElse(null),
        announcements.of(w));
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}

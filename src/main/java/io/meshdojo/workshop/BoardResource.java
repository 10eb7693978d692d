package io.meshdojo.workshop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.meshdojo.account.Role;
import io.meshdojo.web.BadInputException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * A running workshop for its instructors: the live board and its event stream, announcements, the
 * audit list, the results and the end. Learners' own stream of announcements is here too.
 */
@Path("/api/workshops")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Workshops")
public class BoardResource {

  /**
   * One event of the board's stream: {@code workshop} (first, and whenever the workshop changes) or
   * {@code learner} (a learner's row changed: joined, started, checked, took help).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BoardEvent(String type, WorkshopView workshop, Board.Learner learner) {}

  public record AnnouncementRequest(String message) {}

  public record EndRequest(Boolean confirm) {}

  /** One line of the audit list. */
  public record AuditView(Instant at, String actor, String action, String target, String detail) {}

  private final WorkshopService workshops;
  private final BoardService board;
  private final WorkshopEvents events;
  private final Announcements announcements;
  private final InstructorActions actions;
  private final SecurityIdentity identity;

  public BoardResource(
      WorkshopService workshops,
      BoardService board,
      WorkshopEvents events,
      Announcements announcements,
      InstructorActions actions,
      SecurityIdentity identity) {
    this.workshops = workshops;
    this.board = board;
    this.events = events;
    this.announcements = announcements;
    this.actions = actions;
    this.identity = identity;
  }

  @GET
  @Path("/{id}/board")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary =
          "The live board: {workshop, learners[{username, joinedAt, lastActivityAt, labs[{lab,"
              + " status, score, maxScore, checks, failedChecksInARow, lastCheckAt, hintsUsed,"
              + " solutionRevealed, stuck, stuckReason}]}]}")
  public Board board(@PathParam("id") long id) {
    return board.board(workshops.runnable(user(), id));
  }

  @GET
  @Path("/{id}/board/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Blocking
  @Operation(
      summary =
          "Server-sent events: the workshop first, then one event per change of a learner's row"
              + " or of the workshop")
  public Multi<BoardEvent> boardEvents(@PathParam("id") long id) {
    Workshop w = workshops.runnable(user(), id);
    BoardEvent first = new BoardEvent("workshop", workshops.view(w), null);
    Multi<BoardEvent> changes =
        events
            .changes(Set.of(w.id))
            .filter(c -> c.kind() != WorkshopEvents.Kind.ANNOUNCEMENT)
            .emitOn(Infrastructure.getDefaultWorkerPool())
            .map(this::event)
            .filter(Optional::isPresent)
            .map(Optional::get);
    return Multi.createBy().concatenating().streams(Multi.createFrom().item(first), changes);
  }

  private Optional<BoardEvent> event(WorkshopEvents.Change change) {
    if (change.kind() == WorkshopEvents.Kind.LEARNER) {
      return board
          .learner(change.workshop(), change.subject())
          .map(l -> new BoardEvent("learner", null, l));
    }
    return board
        .reload(change.workshop())
        .map(w -> new BoardEvent("workshop", workshops.view(w), null));
  }

  @POST
  @Path("/{id}/announcements")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(summary = "Broadcast {\"message\"} (1 to 500 characters) to every learner at once")
  public Response announce(@PathParam("id") long id, AnnouncementRequest request) {
    Workshop w = workshops.runnable(user(), id);
    Announcements.View sent =
        announcements.send(w, user(), request == null ? null : request.message());
    return Response.created(URI.create("/api/workshops/" + id + "/announcements"))
        .entity(sent)
        .build();
  }

  @GET
  @Path("/{id}/announcements")
  @Operation(summary = "The workshop's announcements, newest first (its learners and instructors)")
  public List<Announcements.View> announcements(@PathParam("id") long id) {
    return announcements.of(workshops.visible(user(), id));
  }

  @GET
  @Path("/announcements/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary =
          "Server-sent events: each announcement of the workshops I joined that are not over, as"
              + " it is sent; the first event ({\"type\":\"open\"}) says the stream is listening")
  public Multi<Object> myAnnouncements() {
    List<Workshop> joined = workshops.joinedNotEnded(user());
    Multi<Object> sent = announcements.stream(joined).map(v -> (Object) v);
    return Multi.createBy()
        .concatenating()
        .streams(Multi.createFrom().item(java.util.Map.of("type", "open")), sent);
  }

  @POST
  @Path("/{id}/end")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(summary = "End the workshop now and every sandbox of it; send {\"confirm\": true}")
  public WorkshopView end(@PathParam("id") long id, EndRequest request) {
    Workshop w = workshops.runnable(user(), id);
    if (request == null || !Boolean.TRUE.equals(request.confirm())) {
      throw new BadInputException(
          "Ending a workshop ends every learner's sandbox: send {\"confirm\": true} to go ahead");
    }
    actions.endWorkshop(w, user());
    return workshops.view(workshops.runnable(user(), id));
  }

  @GET
  @Path("/{id}/audit")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(summary = "Who did what to whom in the workshop, newest first")
  public List<AuditView> audit(@PathParam("id") long id) {
    Workshop w = workshops.runnable(user(), id);
    return board.audit(w.id).stream()
        .map(a -> new AuditView(a.recordedAt, a.actor, a.action, a.target, a.detail))
        .toList();
  }

  @GET
  @Path("/{id}/results.json")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(
      summary =
          "Results: one row per learner and lab {username, lab, status, score, maxScore, checks,"
              + " hintsUsed, solutionRevealed, secondsToPass}")
  public List<Results.Row> resultsJson(@PathParam("id") long id) {
    return Results.of(board.board(workshops.runnable(user(), id)));
  }

  @GET
  @Path("/{id}/results.csv")
  @Produces("text/csv")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(summary = "The results as CSV, one row per learner and lab")
  public Response resultsCsv(@PathParam("id") long id) {
    String csv = Results.csv(Results.of(board.board(workshops.runnable(user(), id))));
    return Response.ok(csv, "text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"workshop-" + id + "-results.csv\"")
        .build();
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}

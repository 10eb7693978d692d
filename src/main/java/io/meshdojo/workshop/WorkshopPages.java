package io.meshdojo.workshop;

import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.web.Language;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The workshop pages: the instructor's list, a workshop's own page and the live board. */
@Path("/{lang:en|zh}/workshops")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class WorkshopPages {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A lab of the workshop with the learner's own status in it (null status for instructors). */
  public record LabRow(String id, String title, String status, String statusLabel) {}

  public record AuditRow(String when, String actor, String action, String target, String detail) {}

  public record Summary(long id, String title, String when, String status) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance workshop(
        PageContext page,
        Workshop workshop,
        String when,
        String statusLabel,
        List<LabRow> labs,
        List<Announcements.View> announcements,
        boolean instructor,
        WorkshopView view,
        List<AuditRow> audit);

    static native TemplateInstance board(
        PageContext page, WorkshopView workshop, List<LabRow> labs);

    static native TemplateInstance list(PageContext page, List<Summary> workshops);
  }

  private final Pages pages;
  private final WorkshopService workshops;
  private final BoardService board;
  private final Announcements announcements;
  private final LabService labs;

  public WorkshopPages(
      Pages pages,
      WorkshopService workshops,
      BoardService board,
      Announcements announcements,
      LabService labs) {
    this.pages = pages;
    this.workshops = workshops;
    this.board = board;
    this.announcements = announcements;
    this.labs = labs;
  }

  @GET
  @RolesAllowed({"instructor", "admin"})
  @Operation(hidden = true)
  public TemplateInstance list(@PathParam("lang") String code) {
    Language lang = Pages.language(code);
    WorkshopMessages msg = messages(lang);
    String me = pages.username().orElseThrow();
    List<Summary> mine =
        workshops.list(me).stream()
            .map(
                v ->
                    new Summary(
                        v.id(),
                        v.title(),
                        msg.ws_when(WHEN.format(v.startsAt()), WHEN.format(v.endsAt())),
                        status(msg, v.status())))
            .toList();
    PageContext page = pages.context(lang, "workshops", "workshops", msg.ws_list_title());
    return Pages.localized(Templates.list(page, mine), lang);
  }

  @GET
  @Path("/{id}")
  @Operation(hidden = true)
  public TemplateInstance workshop(@PathParam("lang") String code, @PathParam("id") long id) {
    Language lang = Pages.language(code);
    WorkshopMessages msg = messages(lang);
    String me = pages.username().orElseThrow();
    Workshop w = workshops.visible(me, id);
    boolean instructor = workshops.runs(me, w);
    Optional<Board.Learner> mine = board.learner(w, workshops.accountId(me));
    List<LabRow> rows =
        w.labIds().stream()
            .map(
                lab -> {
                  String status =
                      mine.flatMap(
                              l -> l.labs().stream().filter(c -> c.lab().equals(lab)).findFirst())
                          .map(Board.LabCell::status)
                          .orElse(null);
                  return new LabRow(
                      lab, title(lab, lang), status, status == null ? null : cell(msg, status));
                })
            .toList();
    List<AuditRow> audit =
        instructor
            ? board.audit(w.id).stream()
                .map(
                    a ->
                        new AuditRow(
                            WHEN.format(a.recordedAt), a.actor, a.action, a.target, a.detail))
                .toList()
            : List.of();
    String when = msg.ws_when(WHEN.format(w.startsAt), WHEN.format(w.end()));
    PageContext page = pages.context(lang, "workshops/" + id, "workshops", w.title);
    return Pages.localized(
        Templates.workshop(
            page,
            w,
            when,
            status(msg, w.status(Instant.now()).name().toLowerCase(java.util.Locale.ROOT)),
            rows,
            announcements.of(w),
            instructor,
            instructor ? workshops.view(w) : null,
            audit),
        lang);
  }

  @GET
  @Path("/{id}/board")
  @RolesAllowed({"instructor", "admin"})
  @Operation(hidden = true)
  public TemplateInstance board(@PathParam("lang") String code, @PathParam("id") long id) {
    Language lang = Pages.language(code);
    WorkshopMessages msg = messages(lang);
    Workshop w = workshops.runnable(pages.username().orElseThrow(), id);
    List<LabRow> rows =
        w.labIds().stream().map(l -> new LabRow(l, title(l, lang), null, null)).toList();
    PageContext page =
        pages.context(lang, "workshops/" + id + "/board", "workshops", msg.board_title(w.title));
    return Pages.localized(Templates.board(page, workshops.view(w), rows), lang);
  }

  /** The workshop strings in a language, for text computed in Java. */
  static WorkshopMessages messages(Language lang) {
    return MessageBundles.get(WorkshopMessages.class, Localized.Literal.of(lang.code()));
  }

  private String title(String lab, Language lang) {
    return labs.find(lab).map(Lab::title).map(t -> t.in(lang)).orElse(lab);
  }

  static String status(WorkshopMessages msg, String status) {
    return switch (status) {
      case "scheduled" -> msg.ws_status_scheduled();
      case "running" -> msg.ws_status_running();
      default -> msg.ws_status_ended();
    };
  }

  static String cell(WorkshopMessages msg, String status) {
    return switch (status) {
      case BoardService.PASSED -> msg.ws_cell_passed();
      case BoardService.WORKING -> msg.ws_cell_working();
      default -> msg.ws_cell_not_started();
    };
  }
}

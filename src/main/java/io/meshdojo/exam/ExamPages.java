package io.meshdojo.exam;

import io.meshdojo.account.Role;
import io.meshdojo.content.MarkdownRenderer;
import io.meshdojo.web.Language;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The exam pages: the list with rules and past attempts, an attempt's workspace (the lab page's
 * editor, resource browser and terminal, without Check, hints or solutions), and its result.
 */
@Path("/{lang:en|zh}")
@Produces(MediaType.TEXT_HTML)
public class ExamPages {

  public record ExamCard(
      String id,
      String title,
      String rules,
      long minutes,
      int tasks,
      int passingScore,
      List<ExamResource.DomainWeight> domains) {}

  /** A task as the workspace shows it; {@code instructions} is rendered HTML. */
  public record TaskPanel(
      int number,
      String domain,
      int points,
      String title,
      String instructions,
      String docs,
      int targetMinutes,
      boolean flagged,
      boolean visited) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance index(
        PageContext page,
        List<ExamCard> exams,
        List<AttemptService.AttemptRow> attempts,
        boolean proctor);

    static native TemplateInstance proctor(
        PageContext page, String examId, String examTitle, List<AttemptService.ProctorRow> rows);

    static native TemplateInstance attempt(
        PageContext page, AttemptView attempt, String examTitle, List<TaskPanel> tasks);

    static native TemplateInstance result(
        PageContext page, AttemptResult result, String examTitle, AttemptService.Review review);
  }

  private static final MarkdownRenderer MARKDOWN = new MarkdownRenderer();

  private final Pages pages;
  private final ExamCatalogue exams;
  private final AttemptService attempts;
  private final SecurityIdentity identity;

  public ExamPages(
      Pages pages, ExamCatalogue exams, AttemptService attempts, SecurityIdentity identity) {
    this.pages = pages;
    this.exams = exams;
    this.attempts = attempts;
    this.identity = identity;
  }

  @GET
  @Path("exams")
  @Operation(hidden = true)
  public TemplateInstance index(@PathParam("lang") String code) {
    Language lang = Pages.language(code);
    List<ExamCard> cards =
        exams.all().stream()
            .map(
                e ->
                    new ExamCard(
                        e.id(),
                        e.title().in(lang),
                        MARKDOWN.render(e.rules().in(lang)).html(),
                        e.duration().toMinutes(),
                        e.tasksPerAttempt(),
                        e.passingScore(),
                        ExamResource.summary(e, lang).domains()))
            .toList();
    List<AttemptService.AttemptRow> mine =
        pages.username().map(u -> attempts.rows(u, lang)).orElse(List.of());
    PageContext page = pages.context(lang, "exams", "exams", messages(lang).exams_title());
    return Pages.localized(
        Templates.index(page, cards, mine, AttemptService.Caller.isProctor(identity::hasRole)),
        lang);
  }

  /**
   * The proctor's page: every attempt at the exam with its status, the time left and, once graded,
   * the result; its script follows the same JSON every few seconds. Instructors and admins only.
   */
  @GET
  @Path("exams/{examId}/proctor")
  @RolesAllowed({Role.INSTRUCTOR_NAME, Role.ADMIN_NAME})
  @Operation(hidden = true)
  public TemplateInstance proctor(@PathParam("lang") String code, @PathParam("examId") String id) {
    Language lang = Pages.language(code);
    Exam exam = exams.require(id);
    String title = exam.title().in(lang);
    PageContext page =
        pages.context(
            lang, "exams/" + id + "/proctor", "exams", messages(lang).proctor_title(title));
    return Pages.localized(Templates.proctor(page, id, title, attempts.ofExam(id)), lang);
  }

  private static ExamMessages messages(Language lang) {
    return MessageBundles.get(ExamMessages.class, Localized.Literal.of(lang.code()));
  }

  @GET
  @Path("attempts/{id}")
  @Operation(hidden = true)
  public Object attempt(@PathParam("lang") String code, @PathParam("id") String id) {
    Language lang = Pages.language(code);
    String user = pages.username().orElse(null);
    if (user == null) {
      return Response.seeOther(URI.create("/" + code + "/exams")).build();
    }
    AttemptView view = attempts.view(new AttemptService.Caller(user, false), id, lang, true);
    if ("GRADED".equals(view.status())) {
      return Response.seeOther(URI.create("/" + code + "/attempts/" + id + "/result")).build();
    }
    List<TaskPanel> panels =
        view.tasks().stream()
            .map(
                t ->
                    new TaskPanel(
                        t.number(),
                        t.domain(),
                        t.points(),
                        t.title(),
                        MARKDOWN.render(t.instructions()).html(),
                        t.docs(),
                        t.targetMinutes(),
                        t.flagged(),
                        t.visited()))
            .toList();
    String title = exams.require(view.exam()).title().in(lang);
    PageContext page = pages.context(lang, "attempts/" + id, "exams", title);
    return Pages.localized(Templates.attempt(page, view, title, panels), lang);
  }

  @GET
  @Path("attempts/{id}/result")
  @Operation(hidden = true)
  public Object result(@PathParam("lang") String code, @PathParam("id") String id) {
    Language lang = Pages.language(code);
    String user = pages.username().orElse(null);
    if (user == null) {
      return Response.seeOther(URI.create("/" + code + "/exams")).build();
    }
    AttemptService.Caller caller = AttemptService.Caller.of(user, identity::hasRole);
    AttemptResult result = attempts.result(caller, id, lang);
    AttemptService.Review review = result.review() ? attempts.review(caller, id, lang) : null;
    String title = exams.require(result.exam()).title().in(lang);
    PageContext page = pages.context(lang, "attempts/" + id + "/result", "exams", title);
    return Pages.localized(Templates.result(page, result, title, review), lang);
  }
}

package io.meshdojo.ui;

import io.meshdojo.content.MarkdownRenderer;
import io.meshdojo.content.ProgressStatus;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.lesson.LessonService;
import io.meshdojo.progress.LabProgress;
import io.meshdojo.web.AppMessages;
import io.meshdojo.web.Language;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The lab catalogue and each lab's page. */
@Path("/{lang:en|zh}/labs")
@Produces(MediaType.TEXT_HTML)
public class LabPages {

  public record LessonLink(String id, String title) {}

  /** {@code badge} is the signed-in learner's status in the lab; null on a visitor's list. */
  public record LabCard(
      String id,
      String title,
      String summary,
      String environment,
      String difficulty,
      int minutes,
      List<LessonLink> lessons,
      ProgressStatus.Badge badge) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance index(PageContext page, List<LabCard> labs);

    static native TemplateInstance lab(PageContext page, LabCard lab, String instructions);
  }

  private static final MarkdownRenderer MARKDOWN = new MarkdownRenderer();

  private final Pages pages;
  private final LabService labs;
  private final LessonService lessons;
  private final LabProgress progress;

  public LabPages(Pages pages, LabService labs, LessonService lessons, LabProgress progress) {
    this.pages = pages;
    this.labs = labs;
    this.lessons = lessons;
    this.progress = progress;
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance index(@PathParam("lang") String code) {
    Language lang = Pages.language(code);
    AppMessages msg = Pages.messages(lang);
    Map<String, LabProgress.Standing> standings = progress.of(pages.username());
    List<LabCard> cards =
        labs.list().stream()
            .map(lab -> card(lab, lang, msg, badge(standings.get(lab.id()), msg)))
            .toList();
    PageContext page = pages.context(lang, "labs", "labs", msg.labs_title());
    return Pages.localized(Templates.index(page, cards), lang);
  }

  @GET
  @Path("{id}")
  @Operation(hidden = true)
  public TemplateInstance lab(@PathParam("lang") String code, @PathParam("id") String id) {
    Language lang = Pages.language(code);
    Lab lab = labs.find(id).orElseThrow(NotFoundException::new);
    LabCard card = card(lab, lang, Pages.messages(lang), null);
    String instructions = MARKDOWN.render(lab.instructions().in(lang)).html();
    PageContext page = pages.context(lang, "labs/" + id, "labs", card.title());
    return Pages.localized(Templates.lab(page, card, instructions), lang);
  }

  private static ProgressStatus.Badge badge(LabProgress.Standing standing, AppMessages msg) {
    return standing == null ? null : standing.status().badge(msg);
  }

  private LabCard card(Lab lab, Language lang, AppMessages msg, ProgressStatus.Badge badge) {
    return new LabCard(
        lab.id(),
        lab.title().in(lang),
        lab.summary().in(lang),
        lab.environment(),
        difficulty(msg, lab.difficulty()),
        lab.estimatedMinutes(),
        LabService.lessonsOf(lab, lessons.catalogue(), lang).stream()
            .map(s -> new LessonLink(s.lesson().id(), s.lesson().title()))
            .toList(),
        badge);
  }

  private static String difficulty(AppMessages msg, String difficulty) {
    return switch (difficulty) {
      case "beginner" -> msg.lab_difficulty_beginner();
      case "intermediate" -> msg.lab_difficulty_intermediate();
      default -> msg.lab_difficulty_advanced();
    };
  }
}

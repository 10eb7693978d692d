package io.meshdojo.learner;

import io.meshdojo.lesson.LessonCatalogue;
import io.meshdojo.lesson.LessonProgress;
import io.meshdojo.lesson.LessonService;
import io.meshdojo.web.Language;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The signed-in learner's own page: progress per track and what they read when. */
@Path("/{lang:en|zh}/me")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class DashboardPage {

  public record TrackProgress(String id, String title, int read, int total) {}

  public record ReadEntry(String lessonId, String title, String when) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance dashboard(
        PageContext page, List<TrackProgress> tracks, List<ReadEntry> history);
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Pages pages;
  private final LessonService lessons;

  public DashboardPage(Pages pages, LessonService lessons) {
    this.pages = pages;
    this.lessons = lessons;
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance dashboard(@PathParam("lang") String code) {
    Language lang = Pages.language(code);
    String username = pages.username().orElseThrow();
    List<LessonProgress> history = lessons.history(username);
    Set<String> read = history.stream().map(p -> p.lessonId).collect(Collectors.toSet());
    List<LessonCatalogue.Served> all = lessons.list(lang);
    List<TrackProgress> tracks =
        lessons.catalogue().tracks().stream()
            .map(
                t -> {
                  List<String> ids =
                      all.stream()
                          .filter(s -> s.lesson().track().equals(t.id()))
                          .map(s -> s.lesson().id())
                          .toList();
                  int done = (int) ids.stream().filter(read::contains).count();
                  return new TrackProgress(t.id(), t.title().in(lang), done, ids.size());
                })
            .filter(t -> t.total() > 0)
            .toList();
    List<ReadEntry> entries =
        history.stream()
            .flatMap(
                p ->
                    lessons.find(p.lessonId, lang).stream()
                        .map(
                            s ->
                                new ReadEntry(
                                    p.lessonId, s.lesson().title(), WHEN.format(p.readAt))))
            .toList();
    PageContext page = pages.context(lang, "me", "me", Pages.messages(lang).me_title());
    return Pages.localized(Templates.dashboard(page, tracks, entries), lang);
  }
}

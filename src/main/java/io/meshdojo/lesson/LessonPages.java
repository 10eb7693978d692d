package io.meshdojo.lesson;

import io.meshdojo.content.MarkdownRenderer.HeadingRef;
import io.meshdojo.content.ProgressStatus;
import io.meshdojo.web.AppMessages;
import io.meshdojo.web.Language;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The curriculum pages: the list of tracks and lessons, and each lesson. */
@Path("/{lang:en|zh}/lessons")
@Produces(MediaType.TEXT_HTML)
public class LessonPages {

  /** {@code badge} is null for visitors, who see the list without badges. */
  public record Row(Lesson lesson, boolean fallback, boolean read, ProgressStatus.Badge badge) {}

  public record TrackSection(String id, String title, String summary, List<Row> lessons) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance index(
        PageContext page, List<TrackSection> tracks, int readCount, int total);

    static native TemplateInstance lesson(
        PageContext page,
        Lesson lesson,
        boolean fallback,
        String trackTitle,
        List<HeadingRef> contents,
        Lesson previous,
        Lesson next,
        boolean read);
  }

  private final Pages pages;
  private final LessonService lessons;

  public LessonPages(Pages pages, LessonService lessons) {
    this.pages = pages;
    this.lessons = lessons;
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance index(@PathParam("lang") String code) {
    Language lang = Pages.language(code);
    Optional<String> username = pages.username();
    Set<String> read = lessons.readBy(username);
    Map<String, ProgressStatus> statuses = lessons.statuses(username);
    AppMessages msg = Pages.messages(lang);
    List<LessonCatalogue.Served> all = lessons.list(lang);
    List<TrackSection> sections =
        lessons.catalogue().tracks().stream()
            .map(
                t ->
                    new TrackSection(
                        t.id(),
                        t.title().in(lang),
                        t.summary().in(lang),
                        all.stream()
                            .filter(s -> s.lesson().track().equals(t.id()))
                            .map(
                                s ->
                                    new Row(
                                        s.lesson(),
                                        s.fallback(),
                                        read.contains(s.lesson().id()),
                                        badge(statuses.get(s.lesson().id()), msg)))
                            .toList()))
            .filter(s -> !s.lessons().isEmpty())
            .toList();
    int readCount = (int) all.stream().filter(s -> read.contains(s.lesson().id())).count();
    PageContext page = pages.context(lang, "lessons", "lessons", msg.lessons_title());
    return Pages.localized(Templates.index(page, sections, readCount, all.size()), lang);
  }

  @GET
  @Path("{id}")
  @Operation(hidden = true)
  public TemplateInstance lesson(@PathParam("lang") String code, @PathParam("id") String id) {
    Language lang = Pages.language(code);
    LessonCatalogue.Served served = lessons.find(id, lang).orElseThrow(NotFoundException::new);
    Lesson lesson = served.lesson();
    List<LessonCatalogue.Served> all = lessons.list(lang);
    int at = indexOf(all, id);
    Lesson previous = at > 0 ? all.get(at - 1).lesson() : null;
    Lesson next = at + 1 < all.size() ? all.get(at + 1).lesson() : null;
    String trackTitle =
        lessons.catalogue().track(lesson.track()).map(t -> t.title().in(lang)).orElse("");
    List<HeadingRef> contents = lesson.headings().stream().filter(h -> h.level() == 2).toList();
    Optional<String> username = pages.username();
    username.ifPresent(u -> lessons.recordOpened(u, id));
    boolean read = lessons.readBy(username).contains(id);
    PageContext page = pages.context(lang, "lessons/" + id, "lessons", lesson.title());
    return Pages.localized(
        Templates.lesson(
            page, lesson, served.fallback(), trackTitle, contents, previous, next, read),
        lang);
  }

  @POST
  @Path("{id}/read")
  @Authenticated
  @Operation(hidden = true)
  public Response markRead(
      @PathParam("lang") String code, @PathParam("id") String id, @FormParam("read") String read) {
    Language lang = Pages.language(code);
    String username = pages.username().orElseThrow();
    if ("false".equals(read)) {
      lessons.markUnread(username, id);
    } else {
      lessons.markRead(username, id);
    }
    return Response.seeOther(URI.create("/" + lang.code() + "/lessons/" + id + "#progress"))
        .build();
  }

  private static ProgressStatus.Badge badge(ProgressStatus status, AppMessages msg) {
    return status == null ? null : status.badge(msg);
  }

  private static int indexOf(List<LessonCatalogue.Served> all, String id) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).lesson().id().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}

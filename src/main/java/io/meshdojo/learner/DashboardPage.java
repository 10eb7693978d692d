package io.meshdojo.learner;

import io.meshdojo.content.ProgressStatus;
import io.meshdojo.exam.AttemptService;
import io.meshdojo.grade.CheckHistory;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.lesson.LessonCatalogue;
import io.meshdojo.lesson.LessonProgress;
import io.meshdojo.lesson.LessonService;
import io.meshdojo.progress.LabProgress;
import io.meshdojo.web.AppMessages;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The signed-in learner's own page: progress per track, each lab's status with the help taken, the
 * latest checks and what they read when.
 */
@Path("/{lang:en|zh}/me")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class DashboardPage {

  /** How many checks the page lists; older ones stay in the database and the API. */
  static final int CHECKS_SHOWN = 50;

  public record TrackProgress(String id, String title, int read, int total) {}

  public record ReadEntry(String lessonId, String title, String when) {}

  public record LessonEntry(String lessonId, String title) {}

  /** {@code solutionWhen} is null while the solution has not been revealed. */
  public record LabRow(
      String id,
      String title,
      ProgressStatus.Badge badge,
      int hintsRevealed,
      int hints,
      String solutionWhen) {}

  public record CheckRow(
      String labId,
      String labTitle,
      String when,
      String score,
      boolean passed,
      boolean afterSolution) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance dashboard(
        PageContext page,
        List<TrackProgress> tracks,
        List<LabRow> labs,
        List<CheckRow> checks,
        List<LessonEntry> opened,
        List<ReadEntry> history,
        List<AttemptService.AttemptRow> attempts);
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Pages pages;
  private final LessonService lessons;
  private final LabService labService;
  private final LabProgress labProgress;
  private final CheckHistory checkHistory;
  private final AttemptService exams;

  public DashboardPage(
      Pages pages,
      LessonService lessons,
      LabService labService,
      LabProgress labProgress,
      CheckHistory checkHistory,
      AttemptService exams) {
    this.exams = exams;
    this.pages = pages;
    this.lessons = lessons;
    this.labService = labService;
    this.labProgress = labProgress;
    this.checkHistory = checkHistory;
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance dashboard(@PathParam("lang") String code) {
    Language lang = Pages.language(code);
    AppMessages msg = Pages.messages(lang);
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
    Map<String, ProgressStatus> lessonStatuses = lessons.statuses(Optional.of(username));
    List<LessonEntry> opened =
        all.stream()
            .filter(s -> lessonStatuses.get(s.lesson().id()) == ProgressStatus.IN_PROGRESS)
            .map(s -> new LessonEntry(s.lesson().id(), s.lesson().title()))
            .toList();
    List<LabRow> labs =
        labProgress.of(Optional.of(username)).values().stream()
            .map(
                st ->
                    new LabRow(
                        st.lab(),
                        labTitle(st.lab(), lang),
                        st.status().badge(msg),
                        st.hintsRevealed(),
                        st.hints(),
                        when(st.solutionRevealed())))
            .toList();
    List<CheckRow> checks =
        checkHistory.recent(username, CHECKS_SHOWN).stream()
            .map(
                c ->
                    new CheckRow(
                        c.lab(),
                        labTitle(c.lab(), lang),
                        WHEN.format(c.checkedAt()),
                        msg.history_score(String.valueOf(c.score()), String.valueOf(c.maxScore())),
                        c.passed(),
                        c.afterSolution()))
            .toList();
    PageContext page = pages.context(lang, "me", "me", msg.me_title());
    return Pages.localized(
        Templates.dashboard(
            page, tracks, labs, checks, opened, entries, exams.rows(username, lang)),
        lang);
  }

  /** A lab that has left the catalogue keeps its id in the history. */
  private String labTitle(String labId, Language lang) {
    return labService.find(labId).map(Lab::title).map(t -> t.in(lang)).orElse(labId);
  }

  private static String when(Instant at) {
    return at == null ? null : WHEN.format(at);
  }
}

package io.meshdojo.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabLoader;
import io.meshdojo.lesson.Lesson;
import io.meshdojo.lesson.LessonCatalogue;
import io.meshdojo.lesson.LessonLoader;
import io.meshdojo.testing.LabFolders;
import io.meshdojo.web.Language;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real curriculum and labs in the repository, checked as the service will load them: schema of
 * every file, both languages complete, and every link between lessons and labs resolving.
 */
class CurriculumTest {

  static LessonCatalogue lessons;
  static List<Lab> labs;

  @BeforeAll
  static void load() throws Exception {
    lessons = new LessonLoader().load(ClasspathFolder.readTree(Path.of("content")));
    labs = new LabLoader().load(ClasspathFolder.readTree(Path.of("labs")));
  }

  @Test
  void everyLessonIsWrittenInBothLanguagesAndThereAreAtLeastFourteen() {
    assertThat(lessons.size()).isGreaterThanOrEqualTo(14);
    for (LessonCatalogue.Served s : lessons.all(Language.EN)) {
      String id = s.lesson().id();
      assertThat(lessons.exact(id, Language.EN)).as("English " + id).isPresent();
      assertThat(lessons.exact(id, Language.ZH)).as("Chinese " + id).isPresent();
      assertThat(lessons.exact(id, Language.ZH).orElseThrow().title())
          .as("Chinese title of " + id)
          .containsPattern("\\p{IsHan}");
    }
  }

  @Test
  void everyTrackHasLessons() {
    Set<String> used =
        lessons.all(Language.EN).stream().map(s -> s.lesson().track()).collect(Collectors.toSet());
    lessons.tracks().forEach(t -> assertThat(used).as("track " + t.id()).contains(t.id()));
  }

  @Test
  void everyLabExistsAndLinksRealLessons() {
    assertThat(labs).extracting(Lab::id).containsExactlyInAnyOrderElementsOf(LabFolders.ids());
    for (Lab lab : labs) {
      assertThat(lab.environment()).isIn("bookinfo", "ecosystem", "upgrade");
      for (String lesson : lab.lessons()) {
        assertThat(lessons.find(lesson, Language.EN))
            .as(lab.id() + " names lesson " + lesson)
            .isPresent();
      }
    }
  }

  @Test
  void lessonsNameOnlyExistingLabs() {
    Set<String> labIds = labs.stream().map(Lab::id).collect(Collectors.toSet());
    for (LessonCatalogue.Served s : lessons.all(Language.EN)) {
      assertThat(labIds).as("labs of " + s.lesson().id()).containsAll(s.lesson().labs());
    }
  }

  private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

  @Test
  void relativeLinksInLessonsResolveInBothLanguages() {
    Set<String> labIds = labs.stream().map(Lab::id).collect(Collectors.toSet());
    List<String> broken = new ArrayList<>();
    for (Language language : Language.values()) {
      for (LessonCatalogue.Served s : lessons.all(language)) {
        Lesson lesson = s.lesson();
        Matcher m = HREF.matcher(lesson.html());
        while (m.find()) {
          String href = m.group(1);
          if (href.startsWith("http://") || href.startsWith("https://")) {
            continue;
          }
          if (!resolves(href, lesson, labIds)) {
            broken.add(lesson.source() + " -> " + href);
          }
        }
      }
    }
    assertThat(broken).as("links that lead nowhere").isEmpty();
  }

  private static boolean resolves(String href, Lesson from, Set<String> labIds) {
    String path = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
    String anchor = href.contains("#") ? href.substring(href.indexOf('#') + 1) : null;
    if (path.startsWith("../labs/")) {
      return labIds.contains(path.substring("../labs/".length())) && anchor == null;
    }
    Lesson target = path.isEmpty() ? from : lessons.exact(path, from.language()).orElse(null);
    if (target == null) {
      return false;
    }
    return anchor == null || target.headings().stream().anyMatch(h -> anchor.equals(h.anchor()));
  }
}

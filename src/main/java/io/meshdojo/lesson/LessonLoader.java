package io.meshdojo.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.meshdojo.content.Bilingual;
import io.meshdojo.content.ContentException;
import io.meshdojo.content.MarkdownRenderer;
import io.meshdojo.content.MarkdownRenderer.HeadingRef;
import io.meshdojo.content.YamlFiles;
import io.meshdojo.web.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the files of {@code content/} into a {@link LessonCatalogue}, or fails with every problem
 * found, each naming its file. Pure: it reads nothing itself, so tests can feed it broken files.
 */
public final class LessonLoader {

  static final String TRACKS = "tracks.yaml";
  static final String SCHEMA = "lesson.schema.json";
  private static final Pattern LESSON_PATH = Pattern.compile("([a-z]{2})/([^/]+)/([^/]+)\\.md");
  private static final Pattern FRONT_MATTER =
      Pattern.compile("\\A---\\r?\\n(.*?)\\r?\\n---\\r?\\n(.*)\\z", Pattern.DOTALL);

  private static final Pattern PRACTISE_SECTION =
      Pattern.compile("^##[^\\n]*\\{#practise\\}\\s*$", Pattern.MULTILINE);

  private final MarkdownRenderer markdown = new MarkdownRenderer();

  /**
   * @param files file contents keyed by path relative to the content folder
   */
  public LessonCatalogue load(Map<String, String> files) {
    List<String> problems = new ArrayList<>();
    List<Track> tracks = readTracks(files, problems);
    if (!files.containsKey(SCHEMA)) {
      problems.add(SCHEMA + ": missing");
      throw new ContentException(problems);
    }
    JsonSchema schema = YamlFiles.schema(files.get(SCHEMA));
    Set<String> trackIds = new HashSet<>();
    tracks.forEach(t -> trackIds.add(t.id()));

    List<Lesson> lessons = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      String path = file.getKey();
      if (!path.endsWith(".md")) {
        continue;
      }
      readLesson(path, file.getValue(), schema, trackIds, problems).ifPresent(lessons::add);
    }
    checkLanguagesAgree(lessons, problems);
    if (!problems.isEmpty()) {
      throw new ContentException(problems);
    }
    return new LessonCatalogue(tracks, lessons);
  }

  private List<Track> readTracks(Map<String, String> files, List<String> problems) {
    List<Track> tracks = new ArrayList<>();
    String text = files.get(TRACKS);
    if (text == null) {
      problems.add(TRACKS + ": missing");
      return tracks;
    }
    try {
      JsonNode list = YamlFiles.parse(text).path("tracks");
      Set<String> seen = new HashSet<>();
      for (JsonNode node : list) {
        String id = node.path("id").asText("");
        Bilingual title = YamlFiles.convert(node.path("title"), Bilingual.class);
        Bilingual summary = YamlFiles.convert(node.path("summary"), Bilingual.class);
        if (id.isEmpty() || title == null || title.en() == null || title.zh() == null) {
          problems.add(TRACKS + ": every track needs an id and a title in en and zh");
        } else if (!seen.add(id)) {
          problems.add(TRACKS + ": track '" + id + "' is listed twice");
        } else {
          tracks.add(new Track(id, tracks.size() + 1, title, summary));
        }
      }
      if (tracks.isEmpty()) {
        problems.add(TRACKS + ": lists no tracks");
      }
    } catch (Exception e) {
      problems.add(TRACKS + ": " + ContentException.firstLine(e.getMessage()));
    }
    return tracks;
  }

  private Optional<Lesson> readLesson(
      String path, String text, JsonSchema schema, Set<String> trackIds, List<String> problems) {
    String where = "content/" + path;
    Matcher p = LESSON_PATH.matcher(path);
    if (!p.matches()) {
      problems.add(where + ": lessons belong at content/<lang>/<track>/<id>.md");
      return Optional.empty();
    }
    Optional<Language> language = Language.fromCode(p.group(1));
    if (language.isEmpty()) {
      problems.add(where + ": unknown language folder '" + p.group(1) + "'");
      return Optional.empty();
    }
    Matcher fm = FRONT_MATTER.matcher(text);
    if (!fm.matches()) {
      problems.add(where + ": must start with YAML front matter between two '---' lines");
      return Optional.empty();
    }
    JsonNode meta;
    try {
      meta = YamlFiles.parse(fm.group(1));
    } catch (Exception e) {
      problems.add(
          where
              + ": front matter is not valid YAML: "
              + ContentException.firstLine(e.getMessage()));
      return Optional.empty();
    }
    List<String> violations = YamlFiles.violations(schema, meta);
    if (!violations.isEmpty()) {
      violations.forEach(v -> problems.add(where + ": front matter " + v));
      return Optional.empty();
    }
    String id = meta.path("id").asText();
    String track = meta.path("track").asText();
    int before = problems.size();
    if (!id.equals(p.group(3))) {
      problems.add(where + ": id '" + id + "' differs from the file name");
    }
    if (!track.equals(p.group(2))) {
      problems.add(where + ": track '" + track + "' differs from the folder '" + p.group(2) + "'");
    }
    if (!trackIds.contains(track)) {
      problems.add(where + ": track '" + track + "' is not listed in " + TRACKS);
    }
    MarkdownRenderer.Rendered rendered = markdown.render(fm.group(2));
    checkHeadings(where, rendered.headings(), problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    List<String> labs = new ArrayList<>();
    meta.path("labs").forEach(l -> labs.add(l.asText()));
    checkPractiseLinksLabs(where, fm.group(2), labs, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new Lesson(
            id,
            language.get(),
            track,
            meta.path("order").asInt(),
            meta.path("title").asText(),
            meta.path("summary").asText(),
            List.copyOf(labs),
            meta.path("istio").asText(),
            rendered.html(),
            rendered.headings(),
            where));
  }

  private static void checkHeadings(
      String where, List<HeadingRef> headings, List<String> problems) {
    Set<String> anchors = new HashSet<>();
    for (HeadingRef h : headings) {
      if (h.level() == 1) {
        problems.add(where + ": level-1 heading '" + h.text() + "': the page renders the title");
      } else if (!h.explicitAnchor()) {
        problems.add(where + ": heading '" + h.text() + "' needs an explicit {#anchor}");
      } else if (!anchors.add(h.anchor())) {
        problems.add(where + ": anchor #" + h.anchor() + " is used twice");
      }
    }
  }

  /**
   * The page shows a lesson's labs only where its text sends the reader to practise (the {@code
   * practise} section, always the last), so that section must link every lab the lesson lists.
   */
  private static void checkPractiseLinksLabs(
      String where, String body, List<String> labs, List<String> problems) {
    if (labs.isEmpty()) {
      return;
    }
    Matcher section = PRACTISE_SECTION.matcher(body);
    if (!section.find()) {
      problems.add(where + ": lists labs " + labs + " but has no '## ... {#practise}' section");
      return;
    }
    String practise = body.substring(section.end());
    for (String lab : labs) {
      if (!practise.contains("](../labs/" + lab + ")")
          && !practise.contains("](../labs/" + lab + "#")) {
        problems.add(where + ": the practise section does not link its lab ../labs/" + lab);
      }
    }
  }

  /** A lesson written in both languages must have the same structure, so links work in both. */
  private static void checkLanguagesAgree(List<Lesson> lessons, List<String> problems) {
    Map<String, Lesson> english = new HashMap<>();
    lessons.stream().filter(l -> l.language() == Language.EN).forEach(l -> english.put(l.id(), l));
    Set<String> ids = new HashSet<>();
    for (Lesson zh : lessons) {
      if (zh.language() == Language.EN) {
        if (!ids.add("en:" + zh.id())) {
          problems.add(zh.source() + ": lesson id '" + zh.id() + "' is used twice");
        }
        continue;
      }
      if (!ids.add("zh:" + zh.id())) {
        problems.add(zh.source() + ": lesson id '" + zh.id() + "' is used twice");
      }
      Lesson en = english.get(zh.id());
      if (en == null) {
        continue;
      }
      if (!anchors(en).equals(anchors(zh))) {
        problems.add(
            zh.source()
                + ": heading anchors "
                + anchors(zh)
                + " differ from the English "
                + anchors(en));
      }
      if (!en.track().equals(zh.track())
          || en.order() != zh.order()
          || !en.labs().equals(zh.labs())) {
        problems.add(zh.source() + ": track, order and labs must equal the English version's");
      }
    }
  }

  private static List<String> anchors(Lesson lesson) {
    return lesson.headings().stream().map(HeadingRef::anchor).toList();
  }
}

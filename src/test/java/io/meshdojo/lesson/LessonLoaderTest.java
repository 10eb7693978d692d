package io.meshdojo.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.content.ContentException;
import io.meshdojo.web.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loader on small made-up curricula: what it accepts, and how it reports what it rejects. */
class LessonLoaderTest {

  private static final String TRACKS =
      "tracks:\n  - id: traffic\n    title: {en: Traffic, zh: 流量}\n    summary: {en: s, zh: s}\n";

  static String lesson(String id, String title, String body) {
    return "---\nid: "
        + id
        + "\ntitle: "
        + title
        + "\ntrack: traffic\norder: 1\nsummary: A summary.\nlabs: []\nistio: \"1.26\"\n---\n"
        + body;
  }

  private static Map<String, String> files(Map<String, String> lessons) throws Exception {
    Map<String, String> files = new HashMap<>(lessons);
    files.put("tracks.yaml", TRACKS);
    files.put("lesson.schema.json", Files.readString(Path.of("content/lesson.schema.json")));
    return files;
  }

  @Test
  void aLessonMissingInOneLanguageIsServedInTheOtherAndMarkedAsFallback() throws Exception {
    LessonCatalogue catalogue =
        new LessonLoader()
            .load(
                files(
                    Map.of(
                        "en/traffic/routing.md",
                        lesson("routing", "Routing", "## Matching {#matching}\n\nText.\n"))));

    LessonCatalogue.Served zh = catalogue.find("routing", Language.ZH).orElseThrow();
    assertThat(zh.fallback()).isTrue();
    assertThat(zh.lesson().language()).isEqualTo(Language.EN);
    assertThat(catalogue.find("routing", Language.EN).orElseThrow().fallback()).isFalse();
    assertThat(catalogue.all(Language.ZH)).hasSize(1);
  }

  @Test
  void chineseHeadingsKeepTheEnglishAnchors() throws Exception {
    LessonCatalogue catalogue =
        new LessonLoader()
            .load(
                files(
                    Map.of(
                        "en/traffic/routing.md",
                        lesson("routing", "Routing", "## Header matching {#matching}\n"),
                        "zh/traffic/routing.md",
                        lesson(
                            "routing",
                            "路由",
                            "## 按请求头匹配 {#matching}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"))));

    String html = catalogue.exact("routing", Language.ZH).orElseThrow().html();
    assertThat(html).contains("<h2 id=\"matching\">按请求头匹配</h2>").contains("<table>");
  }

  @Test
  void aLessonsLabsAreLinkedFromItsPractiseSectionAndTablesScrollInABox() throws Exception {
    String withLab =
        lesson("routing", "Routing", "## Practise it {#practise}\n\nNothing here.\n")
            .replace("labs: []", "labs: [request-routing]");
    assertThatThrownBy(
            () -> new LessonLoader().load(files(Map.of("en/traffic/routing.md", withLab))))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining(
            "content/en/traffic/routing.md: the practise section does not link its lab"
                + " ../labs/request-routing");

    String linked =
        withLab.replace(
            "Nothing here.",
            "Try the [lab](../labs/request-routing).\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    String html =
        new LessonLoader()
            .load(files(Map.of("en/traffic/routing.md", linked)))
            .exact("routing", Language.EN)
            .orElseThrow()
            .html();
    assertThat(html).contains("<div class=\"table-scroll\" tabindex=\"0\">\n<table>");
    assertThat(html.indexOf("</table>")).isLessThan(html.lastIndexOf("</div>"));
  }

  @Test
  void rawHtmlInALessonIsEscaped() throws Exception {
    String html =
        new LessonLoader()
            .load(files(Map.of("en/traffic/x.md", lesson("x", "X", "<script>alert(1)</script>\n"))))
            .exact("x", Language.EN)
            .orElseThrow()
            .html();
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @Test
  void everyProblemIsReportedWithItsFile() throws Exception {
    Map<String, String> broken =
        Map.of(
            "en/traffic/no-front-matter.md", "## Hello {#hello}\n",
            "en/traffic/bad-yaml.md", "---\nid: [unclosed\n---\nbody\n",
            "en/traffic/missing-title.md",
                "---\nid: missing-title\ntrack: traffic\norder: 1\nsummary: s\nlabs: []\nistio: \"1.26\"\n---\n",
            "en/traffic/wrong-id.md", lesson("other-id", "T", ""),
            "en/traffic/no-anchor.md", lesson("no-anchor", "T", "## Plain heading\n"),
            "en/traffic/title-heading.md", lesson("title-heading", "T", "# Title {#t}\n"),
            "en/traffic/mismatch.md", lesson("mismatch", "T", "## A {#a}\n"),
            "zh/traffic/mismatch.md", lesson("mismatch", "T", "## 甲 {#b}\n"));

    assertThatThrownBy(() -> new LessonLoader().load(files(broken)))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining(
            "content/en/traffic/no-front-matter.md: must start with YAML front matter")
        .hasMessageContaining("content/en/traffic/bad-yaml.md: front matter is not valid YAML")
        .hasMessageContaining("content/en/traffic/missing-title.md: front matter")
        .hasMessageContaining("title")
        .hasMessageContaining(
            "content/en/traffic/wrong-id.md: id 'other-id' differs from the file name")
        .hasMessageContaining(
            "content/en/traffic/no-anchor.md: heading 'Plain heading' needs an explicit {#anchor}")
        .hasMessageContaining("content/en/traffic/title-heading.md: level-1 heading")
        .hasMessageContaining(
            "content/zh/traffic/mismatch.md: heading anchors [b] differ from the English [a]");
  }

  @Test
  void unknownFrontMatterFieldsAndTracksAreRejected() throws Exception {
    String extra =
        "---\nid: extra\ntitle: T\ntrack: security\norder: 1\nsummary: s\nlabs: []\nistio: \"1.26\"\nauthor: me\n---\n";
    assertThatThrownBy(() -> new LessonLoader().load(files(Map.of("en/security/extra.md", extra))))
        .hasMessageContaining("content/en/security/extra.md: front matter")
        .hasMessageContaining("author");
  }
}

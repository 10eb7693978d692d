package io.meshdojo.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.web.Language;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real lesson template, rendered for a lesson that exists only in English. */
@QuarkusTest
class LessonPageFallbackTest {

  @Test
  void aChineseVisitorSeesTheEnglishLessonWithANoticeInChinese() {
    Lesson english =
        new Lesson(
            "only-english",
            Language.EN,
            "traffic",
            9,
            "Only in English",
            "A summary.",
            List.of(),
            "1.26",
            "<p>Body text.</p>",
            List.of(),
            "content/en/traffic/only-english.md");
    PageContext page =
        new PageContext(Language.ZH, "/en/lessons/only-english", null, true, "lessons", "x", null);

    String html =
        Pages.localized(
                LessonPages.Templates.lesson(
                    page, english, true, "流量管理", List.of(), null, null, false),
                Language.ZH)
            .render();

    assertThat(html)
        .contains("<html lang=\"zh-Hans\">")
        .contains("id=\"fallback-notice\"")
        .contains("这篇课程还没有中文版")
        .contains("<article class=\"lesson\" lang=\"en\">")
        .contains("Only in English");
  }
}

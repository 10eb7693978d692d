package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * On a 420 px wide screen no page is wider than the screen: tables and code blocks scroll inside
 * themselves. Every lesson in both languages, and the lists of lessons and labs, are measured.
 */
@QuarkusTest
class NarrowScreenTest extends BrowserTest {

  static final int WIDTH = 420;

  @BeforeEach
  void open() throws Exception {
    // A window cannot always be made this narrow; the page's viewport can.
    ((ChromeDriver) browser)
        .executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of("width", WIDTH, "height", 800, "deviceScaleFactor", 1, "mobile", false));
  }

  @Test
  void noLessonPageIsWiderThanANarrowScreen() throws Exception {
    String base = base();
    List<String> pages = new ArrayList<>();
    for (String lang : List.of("en", "zh")) {
      pages.add("/" + lang + "/lessons");
      pages.add("/" + lang + "/labs");
      for (String id :
          given().get("/api/lessons?lang=" + lang).jsonPath().getList("id", String.class)) {
        pages.add("/" + lang + "/lessons/" + id);
      }
    }
    assertThat(pages).hasSizeGreaterThan(40);
    JavascriptExecutor js = (JavascriptExecutor) browser;
    List<String> tooWide = new ArrayList<>();
    for (String page : pages) {
      browser.get(base + page);
      assertThat(((Number) js.executeScript("return window.innerWidth")).intValue())
          .isEqualTo(WIDTH);
      long width =
          ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
      if (width > WIDTH) {
        tooWide.add(page + " is " + width + " px wide, because of " + widest(js));
      }
    }
    BrowserSupport.screenshot(browser, "narrow-lesson");
    assertThat(tooWide).isEmpty();
  }

  /** The innermost elements that reach past the screen's edge, to say what to fix. */
  private static Object widest(JavascriptExecutor js) {
    return js.executeScript(
        "return [...document.querySelectorAll('body *')]"
            + ".filter(e => !e.parentElement.closest('pre, .table-scroll'))"
            + ".filter(e => e.getBoundingClientRect().right > "
            + WIDTH
            + " && ![...e.children].some(c => c.getBoundingClientRect().right > "
            + WIDTH
            + "))"
            + ".slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className + ' '"
            + " + (e.textContent || '').trim().slice(0, 40))");
  }
}

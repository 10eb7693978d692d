package io.meshdojo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A newcomer in a real browser: signs up (and is signed in), switches language, reads a lesson. */
@QuarkusTest
class LearnerJourneyTest extends BrowserTest {

  @Test
  void signUpSwitchLanguageAndReadALesson() throws Exception {
    String name = "web" + UUID.randomUUID().toString().substring(0, 8);
    String base = base();

    browser.get(base + "/en/");
    BrowserSupport.screenshot(browser, "home-en");
    browser.findElement(By.id("sign-up")).click();
    browser.findElement(By.id("username")).sendKeys(name);
    browser.findElement(By.id("password")).sendKeys("browser pass 42");
    browser.findElement(By.id("signup-submit")).click();

    // Signed in at once, back on the page the sign-up started from.
    assertThat(browser.findElement(By.className("who")).getText()).contains(name);
    assertThat(browser.getCurrentUrl()).endsWith("/en/");

    browser.findElement(By.id("lang-switch")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/zh/");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-Hans");
    assertThat(browser.findElement(By.tagName("h1")).getText()).containsPattern("\\p{IsHan}");
    BrowserSupport.screenshot(browser, "home-zh-signed-in");

    browser.findElement(By.cssSelector("nav a[href='/zh/lessons']")).click();
    browser.findElement(By.cssSelector("a[href='/zh/lessons/request-routing']")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).containsPattern("\\p{IsHan}");
    assertThat(browser.findElements(By.cssSelector(".prose pre code.hljs"))).isNotEmpty();
    BrowserSupport.screenshot(browser, "lesson-zh");

    browser.findElement(By.id("mark-read")).click();
    assertThat(browser.findElement(By.id("mark-unread")).isDisplayed()).isTrue();
    browser.findElement(By.id("lang-switch")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/en/lessons/request-routing");
    assertThat(browser.findElement(By.id("progress")).getText())
        .contains("You have read this lesson");
    BrowserSupport.screenshot(browser, "lesson-en-read");
  }
}

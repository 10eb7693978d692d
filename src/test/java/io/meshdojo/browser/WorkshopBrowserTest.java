package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One instructor and two learners, each in a browser of their own: both join by code; one passes
 * request-routing and the board turns green for them without a reload; the other fails the same
 * objective three times and is marked stuck; the instructor broadcasts a message both learners see,
 * resets the stuck learner's sandbox and downloads a CSV with both rows.
 */
@QuarkusTest
class WorkshopBrowserTest extends BrowserTest {

  private static final String CELL =
      "#board-rows tr[data-learner='%s'] button[data-lab='request-routing']";

  @Test
  void aWorkshopWithOneInstructorAndTwoLearners() throws Exception {
    String base = base();
    String instructor = Accounts.newInstructor();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath workshop =
        given()
            .auth()
            .preemptive()
            .basic(instructor, Kubectl.PASSWORD)
            .contentType(ContentType.JSON)
            .body(
                "{\"title\":\"Mesh morning\",\"labs\":[\"request-routing\"],\"startsAt\":\""
                    + now.minus(Duration.ofMinutes(1))
                    + "\",\"endsAt\":\""
                    + now.plus(Duration.ofHours(3))
                    + "\",\"capacity\":40}")
            .post("/api/workshops")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    long id = workshop.getLong("id");
    String code = workshop.getString("code");
    String passer = Kubectl.newLearner();
    String stuck = Kubectl.newLearner();

    BrowserSupport.signIn(browser, base, instructor, Kubectl.PASSWORD);
    browser.get(base + "/en/workshops/" + id + "/board");
    wait.until(ExpectedConditions.attributeToBe(By.id("board"), "data-listening", "true"));
    // Embedded sandboxes start at once: the board says no warm pool is needed, in words.
    wait.until(ExpectedConditions.attributeToBe(By.id("board-warm"), "data-state", "not-needed"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("board-warm"), "start instantly"));

    WebDriver a = BrowserSupport.start();
    WebDriver b = BrowserSupport.start();
    try {
      WebDriverWait waitA = new WebDriverWait(a, Duration.ofSeconds(20));
      WebDriverWait waitB = new WebDriverWait(b, Duration.ofSeconds(20));
      join(a, waitA, base, passer, code.toLowerCase());
      join(b, waitB, base, stuck, code);
      wait.until(
          ExpectedConditions.presenceOfElementLocated(By.cssSelector(String.format(CELL, passer))));
      wait.until(
          ExpectedConditions.presenceOfElementLocated(By.cssSelector(String.format(CELL, stuck))));
      assertThat(browser.findElement(By.id("count-request-routing")).getText())
          .isEqualTo("0 of 2 passed");

      // The first learner passes: their cell turns green with words, without a reload.
      BrowserSupport.startLab(a, base, "request-routing");
      waitA.until(
          ExpectedConditions.attributeToBe(By.id("announcements"), "data-listening", "true"));
      BrowserSupport.paste(
          a, Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml")));
      a.findElement(By.id("editor-apply")).click();
      waitA.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("editor-report"), "virtualservice.networking.istio.io/reviews created"));
      a.findElement(By.id("lab-check")).click();
      wait.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector(String.format(CELL, passer)), "data-status", "passed"));
      assertThat(cell(passer).getText()).contains("Passed");
      assertThat(browser.findElement(By.id("count-request-routing")).getText())
          .isEqualTo("1 of 2 passed");

      // The second fails the same objective three times: stuck.
      BrowserSupport.startLab(b, base, "request-routing");
      waitB.until(
          ExpectedConditions.attributeToBe(By.id("announcements"), "data-listening", "true"));
      for (int i = 1; i <= 3; i++) {
        b.findElement(By.id("lab-check")).click();
        String checks = i + " checks";
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(String.format(CELL, stuck)), checks));
        waitB.until(ExpectedConditions.elementToBeClickable(By.id("lab-check")));
      }
      wait.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector(String.format(CELL, stuck)), "data-stuck", "true"));
      assertThat(cell(stuck).getText()).contains("Stuck").contains("3 checks in a row");
      BrowserSupport.screenshot(browser, "workshop-board");

      // A message to everyone, seen at once on both lab pages.
      browser.findElement(By.id("announce-text")).sendKeys("Ten minutes left for this lab");
      browser.findElement(By.id("announce-send")).click();
      for (WebDriverWait w : new WebDriverWait[] {waitA, waitB}) {
        w.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#announcements .announcement-text"),
                "Ten minutes left for this lab"));
      }

      // The instructor resets the stuck learner's sandbox from the board.
      cell(stuck).click();
      WebElement dialog =
          wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("learner-actions")));
      dialog.findElement(By.cssSelector("[data-action='reset']")).click();
      wait.until(ExpectedConditions.textToBe(By.id("learner-actions-status"), "Done."));
      browser.findElement(By.id("learner-actions-close")).click();

      // The results as the download link gives them: both learners' rows.
      browser.get(base + "/en/workshops/" + id);
      String href = browser.findElement(By.id("results-csv")).getAttribute("href");
      Object csv =
          ((JavascriptExecutor) browser)
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "fetch(arguments[0]).then(r => r.text()).then(done);",
                  href);
      assertThat(csv.toString())
          .contains(passer + ",request-routing,passed,")
          .contains(stuck + ",request-routing,working,");
      assertThat(browser.findElement(By.id("audit")).getText())
          .contains("reset-sandbox")
          .contains(stuck);
      BrowserSupport.assertNoContentSecurityViolations(browser);
    } finally {
      a.quit();
      b.quit();
    }
  }

  private WebElement cell(String learner) {
    return browser.findElement(By.cssSelector(String.format(CELL, learner)));
  }

  private static void join(
      WebDriver learner, WebDriverWait wait, String base, String user, String code) {
    BrowserSupport.signIn(learner, base, user, Kubectl.PASSWORD);
    learner.get(base + "/en/join");
    learner.findElement(By.id("join-code")).sendKeys(code);
    learner.findElement(By.id("join-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("workshop-labs")));
  }
}

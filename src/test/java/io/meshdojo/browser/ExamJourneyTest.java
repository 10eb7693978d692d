package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.exam.DrawnTask;
import io.meshdojo.exam.ExamCatalogue;
import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A candidate's istio-sprint in the browser: start it, answer one task in the editor and one in the
 * terminal, flag a task, submit behind the confirmation and read the per-domain result.
 */
@QuarkusTest
class ExamJourneyTest extends BrowserTest {

  @Inject ExamCatalogue exams;

  private String screen() {
    return BrowserSupport.terminalScreen(browser);
  }

  private void click(String id) {
    WebElement element = browser.findElement(By.id(id));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  @Test
  void aCandidateTakesTheSprintAndSeesTheResultPerDomain() throws Exception {
    String user = Kubectl.newLearner();
    String base = base();
    BrowserSupport.signIn(browser, base, user, Kubectl.PASSWORD);

    browser.get(base + "/en/exams");
    BrowserSupport.assertNoContentSecurityViolations(browser);
    click("exam-start-istio-sprint");
    wait.until(ExpectedConditions.urlContains("/en/attempts/"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("exam-clock"), "Time left: 2"));
    String attempt = browser.findElement(By.id("exam-attempt")).getAttribute("data-attempt");
    long seed =
        given()
            .auth()
            .preemptive()
            .basic(user, Kubectl.PASSWORD)
            .get("/api/attempts/" + attempt)
            .jsonPath()
            .getLong("seed");
    List<DrawnTask> drawn = exams.require("istio-sprint").draw(seed);
    // Nothing of a lab's Check, hints or solution is on this page.
    assertThat(browser.findElements(By.id("lab-check"))).isEmpty();
    assertThat(browser.findElements(By.id("hints"))).isEmpty();
    BrowserSupport.screenshot(browser, "exam-workspace");

    // Task 1 in the editor.
    BrowserSupport.paste(browser, drawn.get(0).solutionYaml());
    click("editor-apply");
    wait.until(
        ExpectedConditions.textMatches(
            By.id("editor-report"), java.util.regex.Pattern.compile("(created|configured)")));

    // Task 2 flagged, then answered in the terminal (apply -f - takes the editor's text).
    click("jump-2");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("task-2")));
    click("flag-2");
    wait.until(ExpectedConditions.attributeContains(By.id("jump-2"), "class", "flagged"));
    BrowserSupport.paste(browser, drawn.get(1).solutionYaml());
    click("tab-console");
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('console').scrollIntoView()");
    wait.until(d -> screen().contains("$ "));
    WebElement input = browser.findElement(By.cssSelector("#console-terminal textarea"));
    input.sendKeys("k apply -f -" + Keys.ENTER);
    wait.until(d -> screen().contains(" created") || screen().contains(" configured"));
    BrowserSupport.screenshot(browser, "exam-answered");

    // Submit behind the confirmation; the result page shows each domain and each task.
    click("exam-submit");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("submit-confirm-yes")));
    browser.findElement(By.id("submit-confirm-yes")).click();
    wait.until(ExpectedConditions.urlContains("/result"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("exam-domains")));
    assertThat(browser.findElements(By.cssSelector("#exam-domains li"))).hasSize(4);
    assertThat(browser.findElement(By.id("task-result-1")).getText()).contains("correct");
    assertThat(browser.findElement(By.id("task-result-2")).getText()).contains("correct");
    assertThat(browser.findElement(By.id("task-result-5")).getText()).contains("not met");
    assertThat(browser.findElement(By.id("domain-installation")).getText()).contains("100");
    BrowserSupport.screenshot(browser, "exam-result");

    // The attempt is listed on the dashboard.
    browser.get(base + "/en/me");
    assertThat(browser.findElement(By.id("attempt-row-" + attempt)).getText()).contains("GRADED");
  }
}

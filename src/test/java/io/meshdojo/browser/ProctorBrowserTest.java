package io.meshdojo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An instructor follows an attempt from the exams page by keyboard: the proctor's list shows it in
 * progress with the time left, turns to graded by itself when the candidate hands in (no reload),
 * and its result link opens the result.
 */
@QuarkusTest
class ProctorBrowserTest extends BrowserTest {

  @Test
  void anInstructorWatchesAnAttemptGetGraded() throws Exception {
    String candidate = Kubectl.newLearner();
    String instructor = Accounts.newInstructor();
    String attempt =
        Accounts.as(candidate)
            .post("/api/exams/istio-sprint/attempts")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    String base = base();
    BrowserSupport.signIn(browser, base, instructor, Kubectl.PASSWORD);
    browser.get(base + "/en/exams");
    browser.findElement(By.id("exam-proctor-istio-sprint")).sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("/en/exams/istio-sprint/proctor"));
    BrowserSupport.assertNoContentSecurityViolations(browser);
    By row = By.id("proctor-row-" + attempt);
    assertThat(browser.findElement(row).getText()).contains(candidate, "In progress");
    assertThat(browser.findElement(row).findElement(By.className("proctor-remaining")).getText())
        .matches("\\d+:\\d\\d");
    // The page stays as it is from here on: what changes comes from its script.
    ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");

    Accounts.as(candidate).post("/api/attempts/" + attempt + "/submit").then().statusCode(200);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "Graded"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument"))
        .isEqualTo(true);
    assertThat(browser.findElement(row).getText()).contains("Not passed");
    BrowserSupport.screenshot(browser, "exam-proctor");

    WebElement result = browser.findElement(row).findElement(By.cssSelector(".proctor-result a"));
    result.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("/en/attempts/" + attempt + "/result"));
    BrowserSupport.assertNoContentSecurityViolations(browser);
  }
}

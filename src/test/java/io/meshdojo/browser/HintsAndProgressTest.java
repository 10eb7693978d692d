package io.meshdojo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A learner takes a hint (still there after a reload), confirms the solution reveal, checks, and
 * finds the lab in progress on the list and the check, marked "after solution", on their page.
 */
@QuarkusTest
class HintsAndProgressTest extends BrowserTest {

  /** Brings an element to the middle of the window, away from the sticky header. */
  private void scrollTo(WebElement element) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  /** The solution scrolled the page: a button at the top would be under the sticky header. */
  private void click(WebElement element) {
    scrollTo(element);
    element.click();
  }

  @Test
  void hintSolutionCheckAndProgress() throws Exception {
    String user = Kubectl.newLearner();
    String base = base();

    BrowserSupport.signIn(browser, base, user, Kubectl.PASSWORD);

    browser.get(base + "/en/labs/request-routing");
    WebElement next = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hint-next")));
    assertThat(next.getText()).isEqualTo("Show a hint (1 of 3)");
    next.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hint-1")));
    assertThat(browser.findElement(By.id("hint-1")).getText())
        .startsWith("Hint 1: A VirtualService can only send traffic");
    wait.until(ExpectedConditions.textToBe(By.id("hint-next"), "Show a hint (2 of 3)"));
    scrollTo(browser.findElement(By.id("hints")));
    BrowserSupport.screenshot(browser, "lab-hint");

    // The reveal was recorded: after a reload the hint is back, and only that one.
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hint-1")));
    wait.until(ExpectedConditions.textToBe(By.id("hint-next"), "Show a hint (2 of 3)"));
    assertThat(browser.findElements(By.id("hint-2"))).isEmpty();

    // Escape cancels the confirmation; nothing is shown.
    browser.findElement(By.id("solution-reveal")).click();
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("solution-confirm")));
    dialog.sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOf(dialog));
    assertThat(browser.findElement(By.id("solution")).isDisplayed()).isFalse();

    browser.findElement(By.id("solution-reveal")).click();
    wait.until(ExpectedConditions.visibilityOf(dialog));
    browser.findElement(By.id("solution-confirm-yes")).click();
    WebElement solution =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("solution")));
    assertThat(solution.getText())
        .contains("reviews-routing.yaml")
        .contains("kind: VirtualService");
    assertThat(browser.findElement(By.id("solution-reveal")).getText())
        .isEqualTo("Show the solution again");

    click(browser.findElement(By.id("lab-start")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    click(browser.findElement(By.id("lab-check")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lab-score"), "Score:"));
    // The results panel's history follows the check (meshdojo:checked).
    WebElement row =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#lab-history-rows tr.check")));
    assertThat(row.getText()).contains("Not passed").contains("after solution");
    scrollTo(browser.findElement(By.id("lab-history")));
    BrowserSupport.screenshot(browser, "lab-history");

    browser.get(base + "/en/labs");
    assertThat(browser.findElement(By.id("status-request-routing")).getText())
        .isEqualTo("In progress");
    assertThat(browser.findElement(By.id("status-mtls-strict")).getText()).isEqualTo("Not started");

    browser.get(base + "/en/me");
    // Tall enough for the screenshot to show the labs table and the check history together.
    browser.manage().window().setSize(new Dimension(1280, 1500));
    WebElement history = browser.findElement(By.id("check-history"));
    assertThat(history.getText())
        .contains("Route one user to reviews v2")
        .contains("after solution");
    String lab = browser.findElement(By.id("me-lab-request-routing")).getText();
    assertThat(lab).contains("In progress").contains("1 of 3").contains("Revealed");
    scrollTo(browser.findElement(By.id("lab-progress")));
    BrowserSupport.screenshot(browser, "me-history");
  }
}

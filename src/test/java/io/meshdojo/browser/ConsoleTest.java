package io.meshdojo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A learner types kubectl commands into the lab page's terminal, with the keyboard only. */
@QuarkusTest
class ConsoleTest extends BrowserTest {

  private String screen() {
    return BrowserSupport.terminalScreen(browser);
  }

  private void tab(String id) {
    BrowserSupport.showTab(browser, id);
  }

  @Test
  void typeAKubectlCommandAndSeeThePods() throws Exception {
    String user = Kubectl.newLearner();
    String base = base();

    BrowserSupport.signIn(browser, base, user, Kubectl.PASSWORD);

    BrowserSupport.startLab(browser, base, "request-routing");
    tab("tab-console");
    wait.until(
        ExpectedConditions.textToBe(
            By.id("console-status"), "Connected: a kubectl console for this sandbox (no shell)."));
    // xterm paints (and fills its screen-reader rows) only while it is in view.
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('console').scrollIntoView()");
    wait.until(d -> screen().contains("$ "));

    WebElement input = browser.findElement(By.cssSelector("#console-terminal textarea"));
    assertThat(input.getAttribute("aria-label")).isEqualTo("Sandbox terminal");
    assertThat(input.getAttribute("aria-describedby")).isEqualTo("console-instructions");
    input.sendKeys("kubectl get pods -n bookinfo" + Keys.ENTER);
    wait.until(d -> screen().contains("productpage-v1-"));
    assertThat(screen()).contains("NAME").contains("READY").contains("Running");
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('console').scrollIntoView({block: 'end'})");
    BrowserSupport.screenshot(browser, "lab-console");

    // The keyboard edits the line: a typo is rubbed out, a redirect refused, the history recalled.
    input = browser.switchTo().activeElement();
    input.sendKeys("get nsx" + Keys.BACK_SPACE + " > ns.txt" + Keys.ENTER);
    wait.until(d -> screen().contains("This console is not a shell"));
    input.sendKeys(Keys.ARROW_UP, Keys.ARROW_UP, Keys.ENTER);
    wait.until(d -> screen().split("productpage-v1-", -1).length > 2);

    // apply -f - takes the editor's text (meshdojo:editor-text-request).
    tab("tab-editor");
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])",
            "apiVersion: networking.istio.io/v1\nkind: DestinationRule\n"
                + "metadata: {name: ratings, namespace: bookinfo}\nspec: {host: ratings}\n");
    tab("tab-console");
    input = browser.findElement(By.cssSelector("#console-terminal textarea"));
    input.sendKeys("k apply -f -" + Keys.ENTER);
    wait.until(d -> screen().contains("destinationrule.networking.istio.io/ratings created"));

    // kubectl edit opens the object in the editor tab, where Apply saves it.
    ((JavascriptExecutor) browser)
        .executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue('')");
    input.sendKeys("kubectl -n bookinfo edit dr ratings" + Keys.ENTER);
    wait.until(ExpectedConditions.attributeToBe(By.id("tab-editor"), "aria-selected", "true"));
    String edited =
        (String)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return document.querySelector('.CodeMirror').CodeMirror.getValue()");
    assertThat(edited).contains("kind: DestinationRule").contains("name: ratings");

    // istioctl answers in the terminal from the sandbox's model.
    tab("tab-console");
    input = browser.findElement(By.cssSelector("#console-terminal textarea"));
    input.sendKeys("istioctl analyze -n bookinfo" + Keys.ENTER);
    wait.until(
        d -> screen().contains("No validation issues found when analyzing namespace: bookinfo."));

    // Tab leaves the terminal, as it leaves every other control on the page.
    input.sendKeys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getTagName()).isNotEqualTo("textarea");
  }
}

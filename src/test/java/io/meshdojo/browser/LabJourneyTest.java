package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The self-paced learner's whole lab in the browser: sign up, start a sandbox and watch it get
 * ready, solve the lab in the editor, see full marks, break it and read why, browse the sandbox,
 * switch language mid-lab and keep the session. Screenshots of each state land in
 * target/screenshots.
 */
@QuarkusTest
class LabJourneyTest extends BrowserTest {

  private static final String PASSWORD = "journey pass 42";

  @Test
  void aLearnerSolvesALabInTheBrowser() throws Exception {
    String user = "lab" + UUID.randomUUID().toString().substring(0, 8);
    String base = base();
    String solution =
        Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml"));

    browser.get(base + "/en/signup");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("signup-submit")).click();
    // Sign-up signs the new learner in.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.className("who")));

    browser.get(base + "/en/labs/request-routing");
    assertThat(browser.findElement(By.id("instructions-title")).getText())
        .isEqualTo("Instructions");
    browser.findElement(By.id("lab-start")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    assertThat(browser.findElement(By.id("lab-status")).getText()).contains("ready");
    assertThat(browser.findElement(By.id("lab-progress")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("lab-time-left")).getText()).startsWith("Time left:");
    BrowserSupport.screenshot(browser, "lab-ready");

    // The reference solution, pasted into the editor and applied.
    paste(solution);
    browser.findElement(By.id("editor-apply")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("editor-report"), "virtualservice.networking.istio.io/reviews created"));
    assertThat(browser.findElement(By.id("editor-report")).getText())
        .contains("destinationrule.networking.istio.io/reviews created");
    BrowserSupport.screenshot(browser, "lab-editor-applied");

    browser.findElement(By.id("lab-check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lab-score"), "Every objective is met"));
    assertThat(browser.findElement(By.id("lab-score")).getText()).contains("Score: 10 of 10");
    assertThat(browser.findElement(By.id("panel-results")).isDisplayed()).isTrue();
    BrowserSupport.screenshot(browser, "lab-checked-solved");

    // A prefix match lets "jason-smith" through too: the check says where those requests go.
    browser.findElement(By.id("tab-editor")).click();
    paste(solution.replace("exact: jason", "prefix: jason"));
    browser.findElement(By.id("editor-apply")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("editor-report"), "virtualservice.networking.istio.io/reviews configured"));
    browser.findElement(By.id("lab-check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lab-score"), "Not every objective is met yet"));
    assertThat(browser.findElement(By.id("lab-objectives")).getText()).contains("reach reviews v2");
    BrowserSupport.screenshot(browser, "lab-checked-wrong");

    // Stuck? Hints come one at a time, under the instructions.
    browser.findElement(By.id("hint-next")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hint-1")));
    assertThat(browser.findElements(By.id("hint-2"))).isEmpty();
    BrowserSupport.screenshot(browser, "lab-journey-hint");

    // A misspelt field is refused, and the refusal sits under its line in the editor.
    browser.findElement(By.id("tab-editor")).click();
    paste(solution.replace("subset: v2", "subsett: v2"));
    browser.findElement(By.id("editor-apply")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror .editor-error")));
    assertThat(browser.findElement(By.cssSelector(".CodeMirror .editor-error")).getText())
        .contains("unknown field")
        .contains("subsett");
    int errorLine =
        solution
                .replace("subset: v2", "subsett: v2")
                .lines()
                .toList()
                .indexOf(
                    solution
                        .replace("subset: v2", "subsett: v2")
                        .lines()
                        .filter(l -> l.contains("subsett"))
                        .findFirst()
                        .orElseThrow())
            + 1;
    assertThat(browser.findElement(By.id("editor-report")).getText()).contains("Line " + errorLine);
    BrowserSupport.screenshot(browser, "lab-editor-error");

    // The resource browser lists what the sandbox holds and shows it as YAML.
    browser.findElement(By.id("tab-resources")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resources-list"), "VirtualService"));
    browser
        .findElement(
            By.cssSelector(
                "#resources-list button[aria-label='View YAML: VirtualService bookinfo/reviews']"))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resources-yaml"), "prefix: jason"));
    BrowserSupport.screenshot(browser, "lab-resources");

    // Switching language mid-lab keeps the session, the editor's draft and the workspace.
    String session =
        given()
            .auth()
            .preemptive()
            .basic(user, PASSWORD)
            .get("/api/sessions?lab=request-routing")
            .jsonPath()
            .getString("[0].id");
    browser.findElement(By.id("lang-switch")).click();
    wait.until(ExpectedConditions.urlContains("/zh/labs/request-routing"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    assertThat(browser.findElement(By.id("lab-status")).getText()).contains("就绪");
    assertThat(editorText()).contains("subsett: v2");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hint-1")));
    assertThat(browser.findElement(By.id("hint-1")).getText()).containsPattern("\\p{IsHan}");
    assertThat(
            given()
                .auth()
                .preemptive()
                .basic(user, PASSWORD)
                .get("/api/sessions")
                .jsonPath()
                .getList("id"))
        .containsExactly(session);
    browser.findElement(By.id("lab-check")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lab-score"), "得分"));
    BrowserSupport.screenshot(browser, "lab-resumed-zh");

    // On a narrow screen the instructions fold above the workspace.
    browser.manage().window().setSize(new Dimension(420, 900));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    assertThat(browser.findElement(By.id("lab-instructions")).getAttribute("open")).isNull();
    assertThat(
            browser.findElement(By.id("lab-instructions")).getLocation().getY()
                < browser.findElement(By.id("workspace")).getLocation().getY())
        .isTrue();
    BrowserSupport.screenshot(browser, "lab-narrow");
    BrowserSupport.assertNoContentSecurityViolations(browser);
  }

  @Test
  void theTabsWorkFromTheKeyboard() throws Exception {
    Prerequisite.KUBECTL.require();
    String user = Kubectl.newLearner();
    String base = base();
    BrowserSupport.signIn(browser, base, user, Kubectl.PASSWORD);
    BrowserSupport.startLab(browser, base, "traffic-shifting");

    browser.findElement(By.id("tab-editor")).sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-resources");
    assertThat(browser.findElement(By.id("panel-resources")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("panel-editor")).isDisplayed()).isFalse();
    browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.END);
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-graph");

    // Esc leaves the editor for the Apply button, so the keyboard is never trapped.
    browser.findElement(By.id("tab-editor")).click();
    browser.findElement(By.cssSelector(".CodeMirror textarea, .CodeMirror [contenteditable]"));
    ((JavascriptExecutor) browser)
        .executeScript("document.querySelector('.CodeMirror').CodeMirror.focus()");
    browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("editor-apply");
  }

  private void paste(String text) {
    BrowserSupport.paste(browser, text);
  }

  private String editorText() {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
  }
}

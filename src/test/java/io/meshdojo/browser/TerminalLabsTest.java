package io.meshdojo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.lab.CheckYourWorkBlocks;
import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Labs worked through the lab page's terminal, as the instructions say: request-routing's "Check
 * your work" block typed as written, and troubleshoot-503 diagnosed with istioctl analyze and the
 * access log, repaired with kubectl edit and the editor, and checked.
 */
@QuarkusTest
class TerminalLabsTest extends BrowserTest {

  private static final Pattern POD = Pattern.compile("reviews-v[0-9]-[a-z0-9]+-[a-z0-9]+");

  /**
   * The terminal's rows joined without line breaks: a long line (a JSON body) wraps over rows, and
   * a pod name may be cut at a row's end.
   */
  private String screenFlat() {
    return BrowserSupport.terminalScreen(browser).replace("\n", "");
  }

  private String screen() {
    return BrowserSupport.terminalScreen(browser);
  }

  private void tab(String id) {
    BrowserSupport.showTab(browser, id);
  }

  /** Opens the lab's terminal and returns its input, once it shows a prompt. */
  private WebElement openTerminal(String lab) {
    String user = Kubectl.newLearner();
    BrowserSupport.signIn(browser, base(), user, Kubectl.PASSWORD);
    BrowserSupport.startLab(browser, base(), lab);
    tab("tab-console");
    wait.until(
        ExpectedConditions.textToBe(
            By.id("console-status"), "Connected: a kubectl console for this sandbox (no shell)."));
    scrollToTerminal();
    wait.until(d -> screen().contains("$ "));
    return browser.findElement(By.cssSelector("#console-terminal textarea"));
  }

  /** xterm paints (and fills its screen-reader rows) only while it is in view. */
  private void scrollToTerminal() {
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('console').scrollIntoView({block: 'end'})");
  }

  private WebElement terminalInput() {
    tab("tab-console");
    scrollToTerminal();
    return browser.findElement(By.cssSelector("#console-terminal textarea"));
  }

  private String editorText() {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
  }

  /** Types a command and waits until the terminal shows {@code printed} after it. */
  private String type(WebElement input, String command, String printed) {
    clearScreen(input);
    input.sendKeys(command + Keys.ENTER);
    wait.until(d -> screenFlat().contains(printed));
    return screen();
  }

  /** Ctrl-L, so what a wait finds was printed by the next command. */
  private void clearScreen(WebElement input) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "l"));
  }

  @Test
  void theRequestRoutingCheckBlockTypedInTheTerminalShowsV2ForJasonAndV1Otherwise()
      throws Exception {
    WebElement input = openTerminal("request-routing");

    // The reference solution through the terminal: kubectl apply -f - reads the editor's text.
    tab("tab-editor");
    // With access logging on (the default profile logs nothing), for the log step below.
    BrowserSupport.paste(
        browser,
        Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml"))
            + "\n---\n"
            + Files.readString(Path.of("src/test/resources/telemetry/mesh-access-logs.yaml")));
    input = terminalInput();
    type(input, "kubectl apply -f -", "virtualservice.networking.istio.io/reviews created");

    List<String> blocks = CheckYourWorkBlocks.bashBlocks("request-routing", "en");
    assertThat(blocks).hasSize(1);
    String block = blocks.get(0);
    // Twice, as the instructions say to repeat the calls; typed as written, lines continued
    // with a backslash and all, in one go while the terminal is still answering the first lines.
    for (int round = 1; round <= 2; round++) {
      clearScreen(input);
      input.sendKeys(block);
      WebDriverWait slow = new WebDriverWait(browser, Duration.ofSeconds(60));
      slow.until(d -> POD.matcher(screenFlat()).results().count() >= 2);
      slow.until(d -> screen().strip().endsWith("$"));
      String shown = screenFlat();
      BrowserSupport.screenshot(browser, "terminal-request-routing-check-" + round);

      assertThat(shown)
          .contains("destinationrule.networking.istio.io/reviews")
          .contains("virtualservice.networking.istio.io/reviews")
          .doesNotContain("This console is not a shell");
      // The call with end-user: jason, then the one without.
      List<String> pods = POD.matcher(shown).results().map(MatchResult::group).toList();
      assertThat(pods).hasSize(2);
      assertThat(pods.get(0)).startsWith("reviews-v2-");
      assertThat(pods.get(1)).startsWith("reviews-v1-");
    }

    // Those requests are in reviews v2's access log; -f goes on until the Stop button (Ctrl-C).
    WebElement stop = browser.findElement(By.id("console-stop"));
    assertThat(stop.isDisplayed()).isFalse();
    type(
        input,
        "kubectl -n bookinfo logs deploy/reviews-v2 -c istio-proxy --tail=1 -f",
        "GET /reviews/0");
    wait.until(ExpectedConditions.visibilityOf(stop));
    stop.click();
    wait.until(ExpectedConditions.invisibilityOf(stop));
    wait.until(d -> screen().contains("^C"));
    wait.until(d -> screen().strip().endsWith("$"));
  }

  @Test
  void troubleshoot503IsSolvedThroughTheTerminal() throws Exception {
    WebElement input = openTerminal("troubleshoot-503");

    // istioctl analyze names what is wrong.
    String analyzed = type(input, "istioctl analyze -n bookinfo", "Error");
    assertThat(analyzed).doesNotContain("No validation issues found");
    BrowserSupport.screenshot(browser, "terminal-troubleshoot-analyze");

    // The symptoms: details and ratings answer 503 to a client in the mesh…
    String call =
        "kubectl -n bookinfo exec deploy/ratings-v1 -c ratings -- curl -s -o /dev/null -w"
            + " '%{http_code}\\n' http://";
    type(input, call + "details:9080/details/0", "503");
    type(input, call + "ratings:9080/ratings/0", "503");
    // …and the client's access log says why, with a response flag.
    String log =
        type(
            input,
            "kubectl -n bookinfo logs deploy/ratings-v1 -c istio-proxy --tail=2",
            "GET /ratings/0");
    assertThat(log.replace("\n", "")).containsPattern("\" 503 (UH|UC|UF|URX|NR)[ ,]");
    BrowserSupport.screenshot(browser, "terminal-troubleshoot-access-log");

    // The repairs, as the hints lead to them: kubectl edit opens each object in the editor,
    // where the one wrong field is changed and Apply saves it.
    edit(input, "destinationrule", "ratings", "version: (\"?)v1\\.0(\"?)", "version: $1v1$2");
    edit(input, "destinationrule", "details", "mode: DISABLE", "mode: ISTIO_MUTUAL");
    edit(input, "virtualservice", "reviews", "reviews\\.bookinfo(?![.\\w-])", "reviews");

    input = terminalInput();
    type(input, call + "details:9080/details/0", "200");
    type(
        input,
        "kubectl -n bookinfo exec deploy/ratings-v1 -c ratings -- curl -s -H 'end-user: jason'"
            + " http://reviews:9080/reviews/0",
        "reviews-v2-");
    type(
        input,
        "istioctl analyze -n bookinfo",
        "No validation issues found when analyzing namespace: bookinfo.");

    browser.findElement(By.id("lab-check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lab-score"), "Every objective is met"));
    assertThat(browser.findElement(By.id("lab-score")).getText()).contains("Score: 14 of 14");
    BrowserSupport.screenshot(browser, "terminal-troubleshoot-solved");
  }

  /** kubectl edit in the terminal, one change in the editor, Apply. */
  private void edit(WebElement input, String kind, String name, String wrong, String right) {
    String object = kind + "/" + name;
    input = terminalInput();
    BrowserSupport.paste(browser, "");
    input.sendKeys("kubectl -n bookinfo edit " + kind + " " + name + Keys.ENTER);
    wait.until(ExpectedConditions.attributeToBe(By.id("tab-editor"), "aria-selected", "true"));
    wait.until(d -> !editorText().isEmpty());
    String before = editorText();
    String after = before.replaceAll(wrong, right);
    assertThat(after).as("the change to " + object).isNotEqualTo(before);
    BrowserSupport.paste(browser, after);
    browser.findElement(By.id("editor-apply")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("editor-report"), kind + ".networking.istio.io/" + name + " configured"));
  }
}

package io.meshdojo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A learner sends requests from productpage (kubectl exec, and the page's terminal), opens the
 * Graph tab and sees productpage → reviews → v1 and v2 drawn and counted, the table giving the same
 * numbers.
 */
@QuarkusTest
class MeshGraphTest extends BrowserTest {

  private static final By ROWS = By.cssSelector("#mesh-graph-table tbody tr");

  private void tab(String id) {
    WebElement tab = browser.findElement(By.id(id));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", tab);
    tab.click();
  }

  private List<String> row(String source, String target) {
    List<WebElement> rows =
        browser.findElements(
            By.cssSelector(
                "#mesh-graph-table tr[data-source='"
                    + source
                    + "'][data-target='"
                    + target
                    + "'] th, #mesh-graph-table tr[data-source='"
                    + source
                    + "'][data-target='"
                    + target
                    + "'] td"));
    return rows.stream().map(WebElement::getText).toList();
  }

  @Test
  void requestsSentFromAPodAppearAsAGraphAndATable() throws Exception {
    Prerequisite.KUBECTL.require();
    String user = Kubectl.newLearner();
    String base = base();
    BrowserSupport.signIn(browser, base, user, Kubectl.PASSWORD);
    BrowserSupport.startLab(browser, base, "request-routing");
    String session = BrowserSupport.sessionOf(user, Kubectl.PASSWORD, "request-routing");
    Kubectl k = Kubectl.forSession(user, session);
    assertThat(k.run("apply", "-f", "labs/request-routing/solution").exit()).isZero();

    // Before any request the graph says how to send some.
    tab("tab-graph");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mesh-graph-empty")));
    assertThat(browser.findElement(By.id("mesh-graph-table")).isDisplayed()).isFalse();

    // Four requests with kubectl exec, one as jason from the page's terminal.
    Kubectl.Result loop =
        k.exec(
            "bookinfo",
            "deploy/productpage-v1",
            "sh",
            "-c",
            "for i in 1 2 3 4; do curl -s -o /dev/null http://reviews:9080/reviews/0; done");
    assertThat(loop.exit()).as(loop.all()).isZero();
    BrowserSupport.openTerminal(browser);
    browser
        .findElement(By.cssSelector("#console-terminal textarea"))
        .sendKeys(
            "kubectl exec -n bookinfo deploy/productpage-v1 -- curl -s -o /dev/null"
                + " -w \"code=%{http_code}\" -H \"end-user: jason\" http://reviews:9080/reviews/0"
                + Keys.ENTER);
    wait.until(d -> BrowserSupport.terminalScreen(browser).contains("code=200"));
    // xterm.js sets inline styles the policy refuses (the terminal works without them); drop its
    // reports so the check below sees the graph's alone.
    browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER);

    // The open Graph tab picks the new requests up by itself (it polls).
    tab("tab-graph");
    String productpage = "workload:bookinfo/productpage-v1";
    String reviews = "service:reviews.bookinfo.svc.cluster.local";
    wait.until(
        d -> row(productpage, reviews).size() == 6 && row(productpage, reviews).get(2).equals("5"));
    assertThat(row(productpage, reviews))
        .containsExactly(
            "bookinfo/productpage-v1", "reviews.bookinfo (service)", "5", "0.017", "0 (0%)", "all");
    assertThat(row(reviews, "workload:bookinfo/reviews-v1"))
        .containsExactly("reviews.bookinfo", "bookinfo/reviews-v1", "4", "0.013", "0 (0%)", "all");
    assertThat(row(reviews, "workload:bookinfo/reviews-v2"))
        .containsExactly("reviews.bookinfo", "bookinfo/reviews-v2", "1", "0.003", "0 (0%)", "all");
    assertThat(browser.findElements(ROWS)).hasSize(3);

    // The drawing holds the same nodes and edges; the canvas says so to screen readers.
    WebElement canvas = browser.findElement(By.id("mesh-graph-canvas"));
    assertThat(canvas.isDisplayed()).isTrue();
    assertThat(canvas.getAttribute("aria-label"))
        .isEqualTo("Mesh graph: 4 nodes and 3 edges; the table below lists every edge.");
    assertThat(browser.findElement(By.id("mesh-graph")).getText()).contains("simulated data plane");
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
    BrowserSupport.screenshot(browser, "lab-mesh-graph");
    BrowserSupport.assertNoContentSecurityViolations(browser);
  }
}

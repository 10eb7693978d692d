package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A learner checks a solved traffic-shifting lab and sees, from that one Check, a chart and a table
 * of where each probe's requests go: 80% to v1 and 20% to v3, as expected.
 */
@QuarkusTest
class TrafficChartTest extends BrowserTest {

  private static final By SPLIT = By.cssSelector("#traffic figure[data-objective='split-80-20']");

  private List<String> cells(WebElement row) {
    return row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
  }

  @Test
  void aSolvedTrafficShiftingLabChartsTheSplitOfEveryProbe() throws Exception {
    Prerequisite.KUBECTL.require();
    String user = Kubectl.newLearner();
    String base = base();

    BrowserSupport.signIn(browser, base, user, Kubectl.PASSWORD);

    browser.get(base + "/en/labs/traffic-shifting");
    assertThat(browser.findElement(By.id("traffic")).isDisplayed()).isFalse();
    browser.findElement(By.id("lab-start")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    String session =
        given()
            .auth()
            .preemptive()
            .basic(user, Kubectl.PASSWORD)
            .get("/api/sessions?lab=traffic-shifting")
            .jsonPath()
            .getString("[0].id");
    Kubectl.Result applied =
        Kubectl.forSession(user, session)
            .apply(Files.readString(Path.of("labs/traffic-shifting/solution/reviews-80-20.yaml")));
    assertThat(applied.exit()).as(applied.err()).isZero();

    // Every request the page makes from here on is recorded: the picture needs no grading of its
    // own.
    ((JavascriptExecutor) browser)
        .executeScript(
            "window.meshdojoCalls = []; const f = window.fetch;"
                + " window.fetch = function (u) { window.meshdojoCalls.push(String(u));"
                + " return f.apply(this, arguments); };");
    browser.findElement(By.id("lab-check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lab-score"), "Every objective is met"));
    WebElement split = wait.until(ExpectedConditions.visibilityOfElementLocated(SPLIT));
    // One grading run per click: the history list may refresh, but nothing grades again.
    assertThat(((JavascriptExecutor) browser).executeScript("return window.meshdojoCalls.slice()"))
        .asList()
        .filteredOn(call -> String.valueOf(call).contains("/check?"))
        .singleElement()
        .asString()
        .contains("/check?lang=en");

    List<WebElement> canvases = split.findElements(By.cssSelector(".traffic-chart canvas"));
    assertThat(canvases).hasSize(4);
    WebElement canvas = canvases.get(1);
    assertThat(canvas.getSize().getHeight()).isGreaterThan(40);
    assertThat(canvas.getAttribute("aria-label"))
        .contains("split-80-20")
        .contains("GET /reviews/0 · end-user: jason");
    assertThat(split.findElements(By.className("traffic-probe-label")).get(1).getText())
        .isEqualTo("bookinfo/productpage-v1 → reviews:9080 GET /reviews/0 · end-user: jason");
    Object datasets =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Chart.getChart(arguments[0]).data.datasets.map(d => d.label)", canvas);
    assertThat(datasets).asList().containsExactly("v1", "v3");

    WebElement table = split.findElement(By.tagName("table"));
    assertThat(table.findElement(By.tagName("caption")).getText()).contains("split-80-20");
    assertThat(cells(table.findElement(By.cssSelector("thead tr"))))
        .containsExactly("Probe", "Source", "v1", "v3");
    List<WebElement> simulated = table.findElements(By.cssSelector("tbody tr.simulated"));
    assertThat(simulated).hasSize(4);
    for (WebElement row : simulated) {
      assertThat(cells(row).subList(1, 4)).containsExactly("simulated", "80%", "20%");
    }
    assertThat(cells(simulated.get(1)).get(0))
        .isEqualTo("bookinfo/productpage-v1 → reviews:9080 GET /reviews/0 · end-user: jason");
    List<WebElement> expected = table.findElements(By.cssSelector("tbody tr.expected"));
    assertThat(expected).hasSize(4);
    assertThat(cells(expected.get(0)).subList(1, 4)).containsExactly("expected", "80%", "20%");
    // An embedded sandbox runs no workloads: no button for real traffic.
    assertThat(browser.findElements(By.cssSelector(".traffic-send"))).isEmpty();
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView(); window.scrollBy(0, -80)", split);
    BrowserSupport.screenshot(browser, "lab-traffic-chart");

    // The same picture in Chinese, after the resumed session's Check.
    browser.get(base + "/zh/labs/traffic-shifting");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    browser.findElement(By.id("lab-check")).click();
    WebElement zh = wait.until(ExpectedConditions.visibilityOfElementLocated(SPLIT));
    assertThat(zh.findElement(By.tagName("figcaption")).getText()).isEqualTo("目标 split-80-20");
    assertThat(cells(zh.findElement(By.cssSelector("tbody tr.simulated"))).subList(1, 4))
        .containsExactly("模拟", "80%", "20%");

    // Ending the session takes the picture away.
    browser.findElement(By.id("lab-end")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("traffic")));
    assertThat(browser.findElements(SPLIT)).isEmpty();
  }
}

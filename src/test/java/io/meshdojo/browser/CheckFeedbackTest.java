package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.workspace.ObjectRef;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a learner reads after a check: each missed objective says what was expected and what the
 * configuration does, points are labelled, a finding is listed once, a version keeps its colour in
 * every chart; the kubeconfig hint names the downloaded file; a reset waits for a confirmation.
 */
@QuarkusTest
class CheckFeedbackTest extends BrowserTest {

  @Test
  void aCheckShowsExpectedAndActualAndAResetAsksFirst() throws Exception {
    String user = Kubectl.newLearner();
    String base = base();
    String solution =
        Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml"));
    BrowserSupport.signIn(browser, base, user, Kubectl.PASSWORD);
    BrowserSupport.startLab(browser, base, "request-routing");
    String session =
        given()
            .auth()
            .preemptive()
            .basic(user, Kubectl.PASSWORD)
            .get("/api/sessions?lab=request-routing")
            .jsonPath()
            .getString("[0].id");

    // The hint names the file the download really is.
    String disposition =
        given()
            .auth()
            .preemptive()
            .basic(user, Kubectl.PASSWORD)
            .get("/api/sessions/" + session + "/kubeconfig")
            .header("Content-Disposition");
    String file = disposition.replaceAll(".*filename=\"([^\"]+)\".*", "$1");
    assertThat(file).isEqualTo("kubeconfig-" + session + ".yaml");
    assertThat(browser.findElement(By.id("lab-kubeconfig-hint")).getText())
        .contains("kubectl --kubeconfig " + file + " get pods");
    assertThat(browser.findElement(By.id("lab-kubeconfig")).getAttribute("download"))
        .isEqualTo(file);

    // Two routes to one missing subset: the finding is listed once.
    apply(
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - match: [{headers: {end-user: {exact: jason}}}]
            route: [{destination: {host: reviews, subset: v9}}]
          - route: [{destination: {host: reviews, subset: v9}}]
        """,
        "created");
    check();
    List<String> findings =
        browser.findElements(By.cssSelector("#lab-findings li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(findings).doesNotHaveDuplicates().filteredOn(f -> f.contains("v9")).hasSize(1);

    // A prefix match sends jason-smith to v2 too.
    apply(solution.replace("exact: jason", "prefix: jason"), "configured");
    check();
    WebElement missed =
        browser.findElement(
            By.cssSelector("#lab-objectives li[data-objective='everyone-else-reaches-v1']"));
    assertThat(missed.getAttribute("class")).isEqualTo("failed");
    assertThat(missed.getText()).startsWith("✗ everyone-else-reaches-v1 (4 points)");
    assertThat(missed.findElement(By.className("points")).getText()).isEqualTo("(4 points)");
    List<String> terms =
        missed.findElements(By.tagName("dt")).stream().map(WebElement::getText).toList();
    List<String> texts =
        missed.findElements(By.tagName("dd")).stream().map(WebElement::getText).toList();
    assertThat(terms).containsExactly("Expected:", "Actual:");
    assertThat(texts.get(0)).contains("reaches reviews v1, never v3");
    assertThat(texts.get(1)).contains("end-user=jason-smith reach reviews v2");
    WebElement met =
        browser.findElement(By.cssSelector("#lab-objectives li[data-objective='no-errors']"));
    assertThat(met.getText()).startsWith("✓ ").endsWith("(2 points)");
    assertThat(met.findElements(By.tagName("dl"))).isEmpty();

    // The same version has the same colour in every chart of the page.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#traffic canvas")));
    @SuppressWarnings("unchecked")
    List<List<String>> datasets =
        (List<List<String>>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return [...document.querySelectorAll('#traffic canvas')].flatMap(c =>"
                        + " Chart.getChart(c).data.datasets.map(d => [d.label, d.borderColor]))");
    Map<String, Set<String>> coloursOfLabel = new HashMap<>();
    datasets.forEach(
        d ->
            coloursOfLabel.computeIfAbsent(d.get(0), k -> new java.util.HashSet<>()).add(d.get(1)));
    assertThat(coloursOfLabel).containsKeys("v1", "v2");
    coloursOfLabel.forEach((label, colours) -> assertThat(colours).as(label).hasSize(1));
    Set<String> allColours =
        coloursOfLabel.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    assertThat(allColours).hasSameSizeAs(coloursOfLabel.keySet());
    BrowserSupport.screenshot(browser, "check-feedback");

    // Reset asks first; "Keep my work" keeps it.
    browser.findElement(By.id("lab-reset")).click();
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-confirm")));
    assertThat(dialog.getText()).contains("Reset your sandbox?");
    BrowserSupport.screenshot(browser, "reset-confirm");
    browser.findElement(By.id("reset-confirm-no")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reset-confirm")));
    assertThat(objectNames(user, session)).contains("VirtualService/reviews");
    assertThat(browser.findElement(By.id("lab-result")).isDisplayed()).isTrue();

    browser.findElement(By.id("lab-reset")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-confirm-yes"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-no-result")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    // The sandbox provisions again (409 meanwhile), then holds only the lab's setup.
    wait.until(
        driver -> {
          List<String> names = objectNames(user, session);
          return names != null && !names.contains("VirtualService/reviews");
        });
  }

  private void apply(String yaml, String verb) {
    browser.findElement(By.id("tab-editor")).click();
    BrowserSupport.paste(browser, yaml);
    browser.findElement(By.id("editor-apply")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("editor-report"), "virtualservice.networking.istio.io/reviews " + verb));
  }

  private void check() {
    // Each check redraws the result: wait for the new one, not the text of the last.
    List<WebElement> before = browser.findElements(By.cssSelector("#lab-objectives li"));
    browser.findElement(By.id("lab-check")).click();
    if (!before.isEmpty()) {
      wait.until(ExpectedConditions.stalenessOf(before.get(0)));
    }
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lab-score"), "Not every objective is met yet"));
  }

  /** Kind/name of what the sandbox holds, or null while it is not READY. */
  private static List<String> objectNames(String user, String session) {
    io.restassured.response.Response objects =
        given()
            .auth()
            .preemptive()
            .basic(user, Kubectl.PASSWORD)
            .get("/api/sessions/" + session + "/objects");
    if (objects.statusCode() == 409) {
      return null;
    }
    return objects
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$", ObjectRef.class)
        .stream()
        .map(o -> o.kind() + "/" + o.name())
        .toList();
  }
}

package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A learner starts a lab in the browser, checks, fixes the sandbox with kubectl, checks again. */
@QuarkusTest
class LabWorkspaceTest {

  @TestHTTPResource("/")
  URL root;

  WebDriver browser;

  @BeforeEach
  void open() throws Exception {
    browser = BrowserSupport.start();
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void startCheckSolveAndResume() throws Exception {
    Assumptions.assumeTrue(Kubectl.available(), "needs kubectl at " + Kubectl.BINARY);
    String user = Kubectl.newLearner();
    String base = root.toString().replaceAll("/$", "");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    browser.get(base + "/en/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(Kubectl.PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.className("who")));

    browser.get(base + "/en/labs/request-routing");
    browser.findElement(By.id("lab-start")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    assertThat(browser.findElement(By.id("lab-status")).getText()).contains("ready");
    assertThat(browser.findElement(By.id("lab-time-left")).getText()).startsWith("Time left:");

    browser.findElement(By.id("lab-check")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lab-score"), "Score:"));
    assertThat(browser.findElement(By.id("lab-score")).getText())
        .contains("Not every objective is met yet");
    BrowserSupport.screenshot(browser, "lab-checked-empty");

    String session =
        given()
            .auth()
            .preemptive()
            .basic(user, Kubectl.PASSWORD)
            .get("/api/sessions?lab=request-routing")
            .jsonPath()
            .getString("[0].id");
    Kubectl kubectl = Kubectl.forSession(user, session);
    Kubectl.Result applied =
        kubectl.apply(
            Files.readString(Path.of("labs/request-routing/solution/reviews-routing.yaml")));
    assertThat(applied.exit()).as(applied.err()).isZero();

    browser.findElement(By.id("lab-check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lab-score"), "Every objective is met"));
    assertThat(browser.findElement(By.id("lab-score")).getText()).contains("Score: 10 of 10");
    BrowserSupport.screenshot(browser, "lab-checked-solved");

    // Coming back resumes the running session instead of starting another.
    browser.get(base + "/zh/labs/request-routing");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    assertThat(browser.findElement(By.id("lab-start")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("lab-status")).getText()).contains("就绪");
    assertThat(
            given()
                .auth()
                .preemptive()
                .basic(user, Kubectl.PASSWORD)
                .get("/api/sessions")
                .jsonPath()
                .getList("id"))
        .containsExactly(session);
    BrowserSupport.screenshot(browser, "lab-resumed-zh");
  }
}

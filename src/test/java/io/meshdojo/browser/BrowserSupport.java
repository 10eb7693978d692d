package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.testing.Prerequisite;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven by Debian's chromedriver, with explicit paths so Selenium Manager never
 * downloads anything. .ci/run installs both; elsewhere the browser tests are skipped with a reason
 * (failed in CI).
 */
final class BrowserSupport {

  static final File CHROMIUM = Prerequisite.CHROMIUM.path().toFile();
  static final File CHROMEDRIVER = Prerequisite.CHROMEDRIVER.path().toFile();

  private BrowserSupport() {}

  static WebDriver start() throws IOException {
    Prerequisite.CHROMIUM.require();
    Prerequisite.CHROMEDRIVER.require();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1280,800",
        "--user-data-dir=" + Files.createTempDirectory("meshdojo-chromium"));
    // keep the console's messages, where Chrome reports Content-Security-Policy violations
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    return driver;
  }

  /** Signs in with the login form and waits until the page says who is signed in. */
  static void signIn(WebDriver browser, String base, String user, String password) {
    browser.get(base + "/en/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login-submit")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.className("who")));
  }

  /** Opens a lab's page, starts its sandbox and waits until the workspace is ready. */
  static void startLab(WebDriver browser, String base, String lab) {
    browser.get(base + "/en/labs/" + lab);
    browser.findElement(By.id("lab-start")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
  }

  /** The id of the signed-in learner's live session of {@code lab}. */
  static String sessionOf(String user, String password, String lab) {
    return given()
        .auth()
        .preemptive()
        .basic(user, password)
        .get("/api/sessions?lab=" + lab)
        .jsonPath()
        .getString("[0].id");
  }

  /** Opens the workspace's Terminal tab and waits until its console is connected and prompting. */
  static void openTerminal(WebDriver browser) {
    WebElement tab = browser.findElement(By.id("tab-console"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", tab);
    tab.click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(
        ExpectedConditions.textToBe(
            By.id("console-status"), "Connected: a kubectl console for this sandbox (no shell)."));
    // xterm paints (and fills its screen-reader rows) only while it is in view.
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('console').scrollIntoView()");
    wait.until(d -> terminalScreen(browser).contains("$ "));
  }

  /** Opens a workspace tab, scrolled clear of the sticky bars first. */
  static void showTab(WebDriver browser, String id) {
    WebElement tab = browser.findElement(By.id(id));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", tab);
    tab.click();
  }

  /**
   * What the workspace's terminal shows, row by row, read from the rows it gives screen readers.
   */
  static String terminalScreen(WebDriver browser) {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#console-terminal .xterm-accessibility-tree > div'))"
                    + ".map(r => r.textContent.replace(/\\u00a0/g, ' ')).join('\\n');");
  }

  /**
   * Puts text into the lab page's editor as a paste would (typing YAML would fight auto-indent).
   */
  static void paste(WebDriver browser, String text) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", text);
  }

  /**
   * Fails if the pages opened since the last call logged a Content-Security-Policy violation (an
   * inline script or style, or a resource from elsewhere, that the policy blocked).
   */
  static void assertNoContentSecurityViolations(WebDriver browser) {
    List<String> violations =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(
                m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
            .toList();
    assertThat(violations).as("Content-Security-Policy violations in the console").isEmpty();
  }

  /** Saves what the browser shows under target/screenshots for review. */
  static void screenshot(WebDriver driver, String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }
}

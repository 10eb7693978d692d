package io.meshdojo.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real-browser test: a fresh Chromium for every test, quit after it, and the service's address.
 */
abstract class BrowserTest {

  @TestHTTPResource("/")
  URL root;

  WebDriver browser;

  /** Generous: a bound on waiting for the page, not a measure of its speed. */
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws IOException {
    browser = BrowserSupport.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void quitBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** The service's address without its trailing slash, to put page paths after. */
  String base() {
    return root.toString().replaceAll("/$", "");
  }
}

package io.meshdojo.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The footer's API link opens Swagger UI, which renders under the service's security headers. */
@QuarkusTest
class ApiDocsTest {

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
  void theFooterLinkOpensTheApiDocsAndTheyRender() throws Exception {
    String base = root.toString().replaceAll("/$", "");
    browser.get(base + "/en/");
    browser.findElement(By.cssSelector("footer a[href='/q/swagger-ui/']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".opblock-tag")));
    BrowserSupport.assertNoContentSecurityViolations(browser);
    BrowserSupport.screenshot(browser, "api-docs");
  }
}

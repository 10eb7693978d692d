package io.meshdojo.browser;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The footer's API link opens Swagger UI, which renders under the service's security headers. */
@QuarkusTest
class ApiDocsTest extends BrowserTest {

  @Test
  void theFooterLinkOpensTheApiDocsAndTheyRender() throws Exception {
    String base = base();
    browser.get(base + "/en/");
    browser.findElement(By.cssSelector("footer a[href='/q/swagger-ui/']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".opblock-tag")));
    BrowserSupport.assertNoContentSecurityViolations(browser);
    BrowserSupport.screenshot(browser, "api-docs");
  }
}

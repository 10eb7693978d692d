package io.meshdojo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Signing in or up from a page brings the learner back to that page, signed in: a new learner is
 * not asked to sign in again with an empty form.
 */
@QuarkusTest
class SignInReturnTest extends BrowserTest {

  @Test
  void signingUpFromALabPageComesBackToItSignedIn() throws Exception {
    String base = base();
    String name = "ret" + UUID.randomUUID().toString().substring(0, 8);
    browser.get(base + "/zh/labs/traffic-shifting");
    browser.findElement(By.id("sign-up")).click();
    wait.until(ExpectedConditions.urlContains("/zh/signup"));
    browser.findElement(By.id("username")).sendKeys(name);
    browser.findElement(By.id("password")).sendKeys("return pass 42");
    browser.findElement(By.id("signup-submit")).click();

    wait.until(ExpectedConditions.urlToBe(base + "/zh/labs/traffic-shifting"));
    assertThat(browser.findElement(By.className("who")).getText()).contains(name);
    assertThat(browser.findElement(By.id("lab-start")).isDisplayed()).isTrue();
    BrowserSupport.screenshot(browser, "signed-up-back-on-the-lab");
  }

  @Test
  void signingInFromALabPageComesBackToIt() throws Exception {
    String base = base();
    String user = Kubectl.newLearner();
    browser.get(base + "/en/labs/request-routing");
    browser.findElement(By.id("lab-sign-in")).click();
    wait.until(ExpectedConditions.urlContains("/en/login"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(Kubectl.PASSWORD);
    browser.findElement(By.id("login-submit")).click();

    wait.until(ExpectedConditions.urlToBe(base + "/en/labs/request-routing"));
    assertThat(browser.findElement(By.className("who")).getText()).contains(user);
    assertThat(browser.findElement(By.id("lab-start")).isDisplayed()).isTrue();

    // The header's sign-in link of a lesson does the same, after a wrong password too.
    browser.findElement(By.id("sign-out")).click();
    // the sign-out's own navigation must land before the next one starts, or it overtakes it
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    browser.get(base + "/en/lessons/fault-injection");
    browser.findElement(By.id("sign-in")).click();
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys("not the password");
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(Kubectl.PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/en/lessons/fault-injection"));
    assertThat(browser.findElement(By.className("who")).getText()).contains(user);
  }
}

package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.kind.InMemoryKindProvisioner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * On the kind backend a sandbox takes minutes: the page waits in the queue while the only cluster
 * is taken, then follows the install steps on its progress bar until the sandbox is ready, all over
 * server-sent events. The clusters are in-memory (no Docker here); the pool, queue, provisioning
 * and page are the real ones.
 */
@QuarkusTest
@TestProfile(KindProvisioningProfile.class)
class KindProvisioningTest extends BrowserTest {

  @Inject InMemoryKindProvisioner kind;

  @AfterEach
  void close() {
    kind.releaseCreation();
  }

  @Test
  void thePageShowsTheQueueThenEachInstallStepThenReady() throws Exception {
    String other = Kubectl.newLearner();
    String learner = Kubectl.newLearner();

    // Another learner holds the pool's only cluster.
    String taken =
        given()
            .auth()
            .preemptive()
            .basic(other, Kubectl.PASSWORD)
            .post("/api/labs/traffic-shifting/sessions")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("id");
    wait.until(
        d ->
            "READY"
                .equals(
                    given()
                        .auth()
                        .preemptive()
                        .basic(other, Kubectl.PASSWORD)
                        .get("/api/sessions/" + taken)
                        .jsonPath()
                        .getString("status")));

    String base = base();
    BrowserSupport.signIn(browser, base, learner, Kubectl.PASSWORD);
    browser.get(base + "/en/labs/traffic-shifting");
    kind.holdCreation();
    browser.findElement(By.id("lab-start")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lab-status"), "number 1 in the queue"));
    BrowserSupport.screenshot(browser, "lab-kind-queued");

    // The other learner ends their session: this one gets a cluster and reports its install.
    given()
        .auth()
        .preemptive()
        .basic(other, Kubectl.PASSWORD)
        .delete("/api/sessions/" + taken)
        .then()
        .statusCode(204);
    wait.until(d -> kind.creationStarted());
    kind.reportStep(3, 10, "helm install istiod");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lab-status"), "Preparing your sandbox… helm install istiod"));
    wait.until(ExpectedConditions.attributeToBe(By.id("lab-progress"), "value", "20"));
    assertThat(browser.findElement(By.id("lab-progress")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("lab-ready")).isDisplayed()).isFalse();
    BrowserSupport.screenshot(browser, "lab-kind-provisioning");

    kind.releaseCreation();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-ready")));
    assertThat(browser.findElement(By.id("lab-status")).getText()).contains("ready");
    assertThat(browser.findElement(By.id("lab-progress")).isDisplayed()).isFalse();
  }
}

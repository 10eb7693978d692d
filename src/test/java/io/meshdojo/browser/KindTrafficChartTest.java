package io.meshdojo.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grade.CheckService;
import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.api.Submission;
import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.traffic.Fabric8ProbeCluster;
import io.meshdojo.traffic.KindTrafficProfile;
import io.meshdojo.traffic.SplitCluster;
import io.meshdojo.web.Language;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * On a kind sandbox the picture offers "Send real traffic" and charts the observed split next to
 * the simulated one. Without Docker the kind backend runs in memory: its cluster answers the probes
 * through {@link SplitCluster} (41 of 50 requests to v1), and the Check, which would read that
 * cluster, grades the lab's reference solution instead.
 */
@QuarkusTest
@TestProfile(KindTrafficProfile.class)
class KindTrafficChartTest extends BrowserTest {

  /** The Check of a kind cluster that holds the traffic-shifting reference solution. */
  static class SolvedClusterCheck extends CheckService {
    SolvedClusterCheck() {
      super(null, null, null, null, null);
    }

    @Override
    public GradeResult check(String username, String sessionId, Language lang, String url) {
      Grader grader = Grader.fromDirectory(Path.of("labs"));
      List<Submission> solution = new ArrayList<>();
      grader
          .lab("traffic-shifting")
          .orElseThrow()
          .solution()
          .forEach((name, text) -> solution.add(new Submission(name, text)));
      return grader.grade("traffic-shifting", solution, lang.code());
    }
  }

  final SplitCluster cluster = new SplitCluster();

  @BeforeEach
  void open() throws Exception {
    QuarkusMock.installMockForType(cluster, Fabric8ProbeCluster.class);
    QuarkusMock.installMockForType(new SolvedClusterCheck(), CheckService.class);
  }

  @Test
  void sendRealTrafficChartsTheObservedSplitNextToTheSimulatedOne() throws Exception {
    String user = Kubectl.newLearner();
    String base = base();
    BrowserSupport.signIn(browser, base, user, Kubectl.PASSWORD);

    BrowserSupport.startLab(browser, base, "traffic-shifting");
    try {
      browser.findElement(By.id("lab-check")).click();
      WebElement split =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(
                  By.cssSelector("#traffic figure[data-objective='split-80-20']")));
      assertThat(split.findElements(By.cssSelector("tr.observed"))).isEmpty();
      assertThat(cluster.commands).isEmpty();

      WebElement send = split.findElement(By.cssSelector(".traffic-send"));
      assertThat(send.getText()).isEqualTo("Send real traffic");
      send.click();
      wait.until(
          ExpectedConditions.numberOfElementsToBe(
              By.cssSelector("#traffic figure[data-objective='split-80-20'] tr.observed"), 4));
      List<WebElement> observed = split.findElements(By.cssSelector("tr.observed"));
      List<String> first =
          observed.get(0).findElements(By.cssSelector("td")).stream()
              .map(WebElement::getText)
              .toList();
      assertThat(first).containsExactly("observed (50 requests)", "82%", "18%");
      assertThat(cluster.commands).hasSize(4);
      Object rows =
          ((JavascriptExecutor) browser)
              .executeScript(
                  "return Chart.getChart(arguments[0]).data.labels",
                  split.findElement(By.tagName("canvas")));
      // The probe's bars: simulated, expected, observed.
      assertThat(rows).isEqualTo(List.of("simulated", "expected", "observed (50 requests)"));
      ((JavascriptExecutor) browser)
          .executeScript("arguments[0].scrollIntoView(); window.scrollBy(0, -80)", split);
      BrowserSupport.screenshot(browser, "lab-traffic-observed");
    } finally {
      String session =
          given()
              .auth()
              .preemptive()
              .basic(user, Kubectl.PASSWORD)
              .get("/api/sessions?lab=traffic-shifting")
              .jsonPath()
              .getString("[0].id");
      Kubectl.endSession(user, session);
    }
  }
}

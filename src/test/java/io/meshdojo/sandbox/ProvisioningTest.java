package io.meshdojo.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.embedded.EmbeddedProvisioner;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProvisioningTest {

  @Inject EmbeddedProvisioner embedded;
  @Inject ObjectStore store;
  @Inject SandboxSessionRepository sessions;
  @Inject SandboxObjectRepository objects;
  @Inject EnvironmentCatalog environments;
  @Inject ReconcileLoop loop;

  @Test
  void aFailingSetupLeavesNothingStoredAndNamesTheStep() {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, "request-routing");
    SandboxSession session = QuarkusTransaction.requiringNew().call(() -> sessions.findById(id));
    QuarkusTransaction.requiringNew().run(() -> store.clear(id));
    assertThat(objects.countOf(id)).isZero();

    List<ObjectNode> setup = new ArrayList<>();
    setup.add(
        Manifests.parseOne(
            "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: fine, namespace: bookinfo}\nspec: {hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}\n",
            "ok.yaml"));
    setup.add(
        Manifests.parseOne(
            "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: broken, namespace: bookinfo}\nspec: {hostz: [reviews]}\n",
            "bad.yaml"));
    Environment bookinfo = environments.find("bookinfo").orElseThrow();
    SandboxBackend.Step step =
        embedded.prepare(session, new SandboxBackend.Preparation(bookinfo, setup, false, false));
    assertThat(step).isInstanceOf(SandboxBackend.Failed.class);
    SandboxBackend.Failed failed = (SandboxBackend.Failed) step;
    assertThat(failed.step()).isEqualTo("apply manifests");
    assertThat(failed.reason()).contains("unknown field \"spec.hostz\"");
    assertThat(objects.countOf(id))
        .as("the baseline and the valid object were rolled back too")
        .isZero();
  }

  @Test
  void anEmbeddedSandboxLeftProvisioningByAStoppedServiceIsResumedAtStart() {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, "request-routing");
    long stored = objects.countOf(id);
    // As a process that stopped half-way would leave it: nothing stored, the row mid-step.
    QuarkusTransaction.requiringNew().run(() -> store.clear(id));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              SandboxSession row = sessions.findById(id);
              row.phase = SandboxPhase.PROVISIONING.name();
              row.step = "Storing the bookinfo baseline and lab setup";
              row.observedGeneration = 0;
              row.attempts = 1;
            });

    loop.resumeUnsettled();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                QuarkusTransaction.requiringNew()
                    .call(() -> sessions.findById(id).phase().equals(SandboxPhase.READY)));
    assertThat(objects.countOf(id)).isEqualTo(stored);
  }

  @Test
  void anExpiredSessionSaysSo() {
    String user = Kubectl.newLearner();
    String id = Kubectl.startSession(user, "request-routing");
    QuarkusTransaction.requiringNew()
        .run(() -> sessions.findById(id).expiresAt = Instant.now().minusSeconds(1));
    given()
        .auth()
        .preemptive()
        .basic(user, "sandbox pass 42")
        .get("/api/sessions/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("EXPIRED"));
    String token =
        given()
            .auth()
            .preemptive()
            .basic(user, "sandbox pass 42")
            .get("/api/sessions/" + id + "/kubeconfig")
            .then()
            .statusCode(409)
            .body("error", containsString("EXPIRED"))
            .extract()
            .asString();
    assertThat(token).doesNotContain("token:");
  }
}

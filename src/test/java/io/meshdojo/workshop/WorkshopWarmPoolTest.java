package io.meshdojo.workshop;

import static io.meshdojo.workshop.WorkshopFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdojo.sandbox.SandboxSessionRepository;
import io.meshdojo.sandbox.kind.ClusterPool;
import io.meshdojo.sandbox.kind.InMemoryKindProvisioner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A workshop's warm pool on the kind path, without Docker: the kind provisioner runs over a real
 * pool of three clusters and the in-memory runtime; the test runs the warm-pool job's passes itself
 * at the moments it chooses.
 */
@QuarkusTest
@TestProfile(WorkshopWarmPoolTest.KindBackend.class)
class WorkshopWarmPoolTest {

  public static class KindBackend implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "meshdojo.sandbox.backend", "kind",
          "test.kind.max-clusters", "3",
          // The test runs the passes; the scheduler's own come rarely.
          "meshdojo.workshop.warm-every", "1h");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(InMemoryKindProvisioner.class);
    }
  }

  @Inject InMemoryKindProvisioner kind;
  @Inject WarmPools warmPools;
  @Inject SandboxSessionRepository sandboxes;

  static JsonPath board(String owner, long id) {
    return as(owner)
        .get("/api/workshops/" + id + "/board")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static String startSession(String learner) {
    return as(learner)
        .post("/api/labs/request-routing/sessions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void clustersAreMadeAtLeadTimeTakenByEnrolledLearnersCappedByTheHostAndReleasedAtTheEnd() {
    String owner = WorkshopFixture.instructor();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long later =
        WorkshopFixture.create(
                owner,
                WorkshopFixture.body(
                    "Later",
                    "\"request-routing\"",
                    now.plus(Duration.ofHours(2)),
                    now.plus(Duration.ofHours(4)),
                    8,
                    "\"warmShare\":0.5"))
            .getLong("id");
    JsonPath created =
        WorkshopFixture.create(
            owner,
            WorkshopFixture.body(
                "Soon",
                "\"request-routing\"",
                now.plus(Duration.ofMinutes(10)),
                now.plus(Duration.ofHours(3)),
                8,
                "\"warmShare\":0.25"));
    long soon = created.getLong("id");
    assertThat(created.getDouble("warmShare")).isEqualTo(0.25);
    ClusterPool pool = kind.pool();

    // Ten minutes before the start is within the 15-minute lead: 25 % of 8 is kept ready.
    warmPools.sweep(Instant.now());
    assertThat(pool.reservation(WarmPools.holder(later)).wanted()).isZero();
    assertThat(board(owner, later).getString("warm.state")).isEqualTo("scheduled");
    assertThat(board(owner, later).getDouble("warm.share")).isEqualTo(0.5);
    assertThat(pool.reservation(WarmPools.holder(soon)).wanted()).isEqualTo(2);
    await("two clusters are ready for the workshop")
        .atMost(Duration.ofSeconds(20))
        .until(() -> pool.reservation(WarmPools.holder(soon)).ready() == 2);
    List<String> reserved = kind.createdClusters();
    assertThat(reserved).hasSize(2);
    warmPools.sweep(Instant.now());
    JsonPath warm = board(owner, soon);
    assertThat(warm.getString("warm.state")).isEqualTo("reserving");
    assertThat(warm.getInt("warm.ready")).isEqualTo(2);
    assertThat(warm.getInt("warm.wanted")).isEqualTo(2);
    assertThat(warm.getInt("warm.hostLimit")).isEqualTo(3);

    // The workshop starts; an enrolled learner's sandbox takes a ready cluster.
    as(owner)
        .body("{\"startsAt\":\"" + now.minus(Duration.ofMinutes(1)) + "\"}")
        .patch("/api/workshops/" + soon)
        .then()
        .statusCode(200);
    String learner = WorkshopFixture.learner();
    WorkshopFixture.join(learner, created.getString("code"));
    String session = startSession(learner);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> sandboxes.findByIdOptional(session).orElseThrow().reservation))
        .isEqualTo(WarmPools.holder(soon));
    await("the learner's sandbox is ready")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                pool.leaseOf(session)
                    .map(l -> l.status() == ClusterPool.Status.READY)
                    .orElse(false));
    String taken = pool.leaseOf(session).orElseThrow().id();
    assertThat(reserved).contains(taken);
    String spare = reserved.stream().filter(id -> !id.equals(taken)).findFirst().orElseThrow();
    assertThat(kind.createdClusters()).hasSize(2);

    // Someone outside the workshop takes the host's last slot with a cluster of their own.
    String stranger = WorkshopFixture.learner();
    String other = startSession(stranger);
    await("the stranger's cluster is made")
        .atMost(Duration.ofSeconds(20))
        .until(() -> kind.createdClusters().size() == 3);
    assertThat(reserved).doesNotContain(pool.leaseOf(other).orElseThrow().id());

    // The workshop still wants two spares (8 places, one taken), but the host is full.
    warmPools.sweep(Instant.now());
    warm = board(owner, soon);
    assertThat(warm.getInt("warm.wanted")).isEqualTo(2);
    assertThat(warm.getInt("warm.ready")).isEqualTo(1);
    assertThat(warm.getInt("warm.starting")).isZero();
    assertThat(kind.createdClusters()).hasSize(3);

    // The end: the spare nobody took is destroyed.
    as(owner)
        .body("{\"confirm\":true}")
        .post("/api/workshops/" + soon + "/end")
        .then()
        .statusCode(200);
    warmPools.sweep(Instant.now());
    await("the spare is destroyed")
        .atMost(Duration.ofSeconds(20))
        .until(() -> kind.destroyedClusters().contains(spare));
    assertThat(pool.reservationHolders()).doesNotContain(WarmPools.holder(soon));
    assertThat(board(owner, soon).getString("warm.state")).isEqualTo("released");
    as(stranger).delete("/api/sessions/" + other).then().statusCode(204);
  }
}

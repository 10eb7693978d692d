package io.meshdojo.sandbox.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdojo.grader.api.ControlPlaneHistory;
import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.dataplane.PodLogs;
import io.meshdojo.sandbox.dataplane.SandboxTraffic;
import io.meshdojo.sandbox.embedded.controllers.ControllerManager;
import io.meshdojo.sandbox.metrics.SandboxMetrics;
import io.meshdojo.sandbox.metrics.SandboxMetrics.RequestSample;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The embedded sandboxes' traffic records in the database: what the log and metric readers see, the
 * retention rules, and a sandbox's release deleting its rows.
 */
@QuarkusTest
class TrafficRecordsTest {

  @Inject PodLogs logs;
  @Inject SandboxMetrics metrics;
  @Inject SandboxTraffic traffic;
  @Inject DataSource database;
  @Inject ControllerManager controllers;

  private static String sandbox() {
    return "records-" + UUID.randomUUID();
  }

  private int rows(String sandbox, String stream) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from sandbox_traffic where sandbox_id = ? and stream = ?")) {
      s.setString(1, sandbox);
      s.setString(2, stream);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static RequestSample sample(Instant at, String destination) {
    return new RequestSample(
        at,
        "destination",
        "bookinfo",
        destination + "-abc",
        Map.of("reporter", "destination", "destination_workload", destination),
        4.5,
        10,
        100,
        Map.of("istio_requests_total", Set.of("reporter", "destination_workload")));
  }

  @Test
  void aContainerKeepsItsLastThousandLinesAndReadsByTailAndTime() throws Exception {
    String s = sandbox();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 1005; i++) {
      logs.append(
          s, "bookinfo", "reviews-v1-abc", "istio-proxy", start.plusSeconds(i), "line " + i);
    }
    logs.append(s, "bookinfo", "ratings-v1-abc", "istio-proxy", start, "other container");
    traffic.flush();

    List<PodLogs.Line> all = logs.read(s, "bookinfo", "reviews-v1-abc", "istio-proxy", null, null);
    assertThat(all).hasSize(1000);
    assertThat(all.get(0).text()).isEqualTo("line 5");
    assertThat(all.get(999).text()).isEqualTo("line 1004");
    assertThat(all.get(999).at()).isEqualTo(start.plusSeconds(1004));
    assertThat(rows(s, "log")).as("the other container's line is kept too").isEqualTo(1001);
    assertThat(logs.read(s, "bookinfo", "reviews-v1-abc", "istio-proxy", 2, null))
        .extracting(PodLogs.Line::text)
        .containsExactly("line 1003", "line 1004");
    assertThat(
            logs.read(
                s, "bookinfo", "reviews-v1-abc", "istio-proxy", null, start.plusSeconds(1002)))
        .extracting(PodLogs.Line::text)
        .containsExactly("line 1002", "line 1003", "line 1004");
    assertThat(logs.read(s, "bookinfo", "ratings-v1-abc", "istio-proxy", null, null))
        .extracting(PodLogs.Line::text)
        .containsExactly("other container");
  }

  @Test
  void aLineIsReadBackOnTheReplicaThatPrintedItBeforeAnyFlush() {
    String s = sandbox();
    logs.append(s, "default", "sleep-abc", "sleep", Instant.now(), "unflushed");
    assertThat(logs.read(s, "default", "sleep-abc", "sleep", null, null))
        .extracting(PodLogs.Line::text)
        .containsExactly("unflushed");
  }

  @Test
  void aFollowerGetsEachNewLineOnceAndOnlyItsContainers() throws Exception {
    String s = sandbox();
    logs.append(s, "default", "sleep-abc", "istio-proxy", Instant.now(), "before");
    traffic.flush();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable following =
        logs.follow(s, "default", "sleep-abc", "istio-proxy", l -> seen.add(l.text()))) {
      logs.append(s, "default", "sleep-abc", "istio-proxy", Instant.now(), "first");
      logs.append(s, "default", "other-abc", "istio-proxy", Instant.now(), "elsewhere");
      traffic.flush();
      logs.append(s, "default", "sleep-abc", "istio-proxy", Instant.now(), "second");
      traffic.flush();
      traffic.flush();
    }
    logs.append(s, "default", "sleep-abc", "istio-proxy", Instant.now(), "after closing");
    traffic.flush();
    assertThat(seen).containsExactly("first", "second");
  }

  @Test
  void samplesKeepTheLastThirtyMinutesAndRowsWrittenElsewhereAreRead() throws Exception {
    String s = sandbox();
    Instant now = Instant.now();
    metrics.record(s, sample(now.minus(SandboxMetrics.HISTORY).minusSeconds(60), "old"));
    metrics.record(s, sample(now.minusSeconds(5), "details-v1"));
    assertThat(metrics.samples(s)).extracting(RequestSample::pod).containsExactly("details-v1-abc");
    assertThat(rows(s, "sample")).as("the old one is gone from the table too").isEqualTo(1);
    RequestSample read = metrics.samples(s).get(0);
    assertThat(read).isEqualTo(sample(now.minusSeconds(5), "details-v1"));

    // Another replica's row, written straight to the table: this replica reads what is new.
    try (Connection c = database.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into sandbox_traffic (sandbox_id, stream, record_key, recorded_at, body)"
                    + " values (?, 'sample', '', ?, ?)")) {
      insert.setString(1, s);
      insert.setObject(2, now.atOffset(ZoneOffset.UTC));
      insert.setString(
          3,
          new com.fasterxml.jackson.databind.ObjectMapper()
              .findAndRegisterModules()
              .writeValueAsString(sample(now, "ratings-v1")));
      insert.executeUpdate();
    }
    assertThat(metrics.samples(s))
        .extracting(RequestSample::pod)
        .containsExactly("details-v1-abc", "ratings-v1-abc");
  }

  @Test
  void releasingASandboxDeletesItsRecordsAndNoOtherSandboxes() throws Exception {
    String s = sandbox();
    String other = sandbox();
    for (String id : List.of(s, other)) {
      logs.append(id, "default", "sleep-abc", "sleep", Instant.now(), "hello");
      metrics.record(id, sample(Instant.now(), "details-v1"));
    }
    assertThat(metrics.samples(s)).hasSize(1);
    traffic.forget(s);
    assertThat(rows(s, "log") + rows(s, "sample")).isZero();
    assertThat(metrics.samples(s)).as("the replica's copy goes too").isEmpty();
    assertThat(logs.read(s, "default", "sleep-abc", "sleep", null, null)).isEmpty();
    assertThat(rows(other, "log")).isEqualTo(1);
    assertThat(metrics.samples(other)).hasSize(1);
  }

  @Test
  void samplesBeyondTheLimitGoOldestFirst() throws Exception {
    String s = sandbox();
    Instant now = Instant.now();
    int limit = 10_000;
    for (int i = 0; i < limit + 3; i++) {
      metrics.record(s, sample(now.minus(Duration.ofMillis(limit + 3 - i)), "w" + i));
    }
    List<RequestSample> kept = metrics.samples(s);
    assertThat(kept).hasSize(limit);
    assertThat(kept.get(0).pod()).isEqualTo("w3-abc");
    assertThat(rows(s, "sample")).isEqualTo(limit);
  }

  @Test
  void aControlPlaneMomentIsStoredOnceAndForgottenWithTheSandbox() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    String s = k.sessionId;
    await().until(() -> !controllers.history(s).isEmpty());
    List<ControlPlaneHistory.Moment> before = controllers.history(s);
    assertThat(rows(s, "moment")).isEqualTo(before.size());

    k.apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unrelated\ndata: {}\n").ok();
    assertThat(controllers.history(s)).as("a ConfigMap moves no proxy").isEqualTo(before);
    k.run("-n", "bookinfo", "rollout", "restart", "deployment/reviews-v1").ok();
    List<ControlPlaneHistory.Moment> after = controllers.history(s);
    assertThat(after)
        .hasSizeGreaterThan(before.size())
        .startsWith(before.toArray(new ControlPlaneHistory.Moment[0]));
    assertThat(rows(s, "moment")).isEqualTo(after.size());

    controllers.forget(s);
    assertThat(controllers.history(s)).isEmpty();
    assertThat(rows(s, "moment")).isZero();
  }

  @Test
  void aBatchWaitsForAnotherReplicasBatchOfTheSameSandboxToCommit() throws Exception {
    String s = sandbox();
    try (Connection other = database.getConnection()) {
      // Another replica in the middle of writing a batch of this sandbox.
      other.setAutoCommit(false);
      try (PreparedStatement lock =
          other.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
        lock.setInt(1, TrafficRecords.ADVISORY_LOCK_CLASS);
        lock.setString(2, s);
        lock.execute();
      }
      logs.append(s, "default", "sleep-abc", "sleep", Instant.now(), "waits its turn");
      CompletableFuture<Void> flushed = CompletableFuture.runAsync(traffic::flush);
      await().until(() -> waitingForAdvisoryLocks() > 0);
      assertThat(flushed).isNotDone();
      assertThat(rows(s, "log")).isZero();
      other.commit();
      flushed.get(30, TimeUnit.SECONDS);
    }
    assertThat(rows(s, "log")).isEqualTo(1);
  }

  private int waitingForAdvisoryLocks() throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }
}

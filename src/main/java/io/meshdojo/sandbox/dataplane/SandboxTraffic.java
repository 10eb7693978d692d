package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.metrics.SandboxMetrics;
import io.meshdojo.sandbox.records.TrafficRecords;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the simulated data plane remembers of a sandbox's requests: the proxies' metrics (which the
 * simulated Prometheus and the mesh graph read) and the containers' logs, application loops'
 * progress included (their log says how far they got). A reset or an ended sandbox starts from none
 * of it.
 */
@ApplicationScoped
public class SandboxTraffic {

  private final TrafficRecords records;
  private final SandboxMetrics metrics;
  private final PodLogs logs;

  public SandboxTraffic(TrafficRecords records, SandboxMetrics metrics, PodLogs logs) {
    this.records = records;
    this.metrics = metrics;
    this.logs = logs;
  }

  /** Forgets the sandbox's requests, for every replica (they are kept in the database). */
  public void forget(String sandbox) {
    metrics.forget(sandbox);
    logs.forget(sandbox);
  }

  /** Writes what the requests of a command left behind, so other replicas see it now. */
  public void flush() {
    records.flush();
  }
}

package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.metrics.SandboxMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the simulated data plane remembers of a sandbox's requests: the proxies' metrics (which the
 * simulated Prometheus and the mesh graph read), the containers' logs, and the application loops'
 * progress. A reset or an ended sandbox starts from none of it.
 */
@ApplicationScoped
public class SandboxTraffic {

  private final SandboxMetrics metrics;
  private final PodLogs logs;
  private final DubboConsumerLoop consumer;

  public SandboxTraffic(SandboxMetrics metrics, PodLogs logs, DubboConsumerLoop consumer) {
    this.metrics = metrics;
    this.logs = logs;
    this.consumer = consumer;
  }

  /** Forgets the sandbox's requests, in this replica's memory (where they are kept). */
  public void forget(String sandbox) {
    metrics.forget(sandbox);
    logs.forget(sandbox);
    consumer.forget(sandbox);
  }
}

package io.meshdojo.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for a kind cluster whose reviews split 41:9 between v1 and v3: prints for each command
 * what the probe loop prints there (the loop itself runs for real in {@link ProbeScriptTest}), and
 * records each command and kubeconfig.
 */
public class SplitCluster extends Fabric8ProbeCluster {

  public final List<List<String>> commands = new ArrayList<>();
  public final List<String> kubeconfigs = new ArrayList<>();

  /** A source workload that does not exist in this cluster, or null. */
  public volatile String missing;

  /** Each command waits here; a test closes it to hold a run in flight. */
  public volatile CountDownLatch gate = new CountDownLatch(0);

  @Override
  public Exec execInToolbox(String kubeconfig, List<String> argv, Duration timeout) {
    synchronized (this) {
      commands.add(argv);
      kubeconfigs.add(kubeconfig);
    }
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (missing != null && argv.contains("deploy/" + missing)) {
      return new Exec(
          1, "", "Error from server (NotFound): deployments.apps \"missing\" not found");
    }
    return new Exec(
        0,
        "MDJ 200 reviews-v1-5c7f8d-abcde\n".repeat(41)
            + "MDJ 200 reviews-v3-7d4b9c-x2x7k\n".repeat(9),
        "");
  }

  @Override
  public Map<String, Map<String, String>> podLabels(String kubeconfig) {
    return Map.of(
        "reviews-v1-5c7f8d-abcde", Map.of("app", "reviews", "version", "v1"),
        "reviews-v3-7d4b9c-x2x7k", Map.of("app", "reviews", "version", "v3"));
  }
}

package io.meshdojo.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stands in for a kind cluster whose reviews split 41:9 between v1 and v3: prints for each command
 * what the probe loop prints there (the loop itself runs for real in {@link ProbeScriptTest}), and
 * records each command and kubeconfig.
 */
public class SplitCluster extends Fabric8ProbeCluster {

  public final List<List<String>> commands = new ArrayList<>();
  public final List<String> kubeconfigs = new ArrayList<>();

  @Override
  public synchronized String execInToolbox(String kubeconfig, List<String> argv, Duration timeout) {
    commands.add(argv);
    kubeconfigs.add(kubeconfig);
    return "MDJ 200 reviews-v1-5c7f8d-abcde\n".repeat(41)
        + "MDJ 200 reviews-v3-7d4b9c-x2x7k\n".repeat(9);
  }

  @Override
  public Map<String, Map<String, String>> podLabels(String kubeconfig) {
    return Map.of(
        "reviews-v1-5c7f8d-abcde", Map.of("app", "reviews", "version", "v1"),
        "reviews-v3-7d4b9c-x2x7k", Map.of("app", "reviews", "version", "v3"));
  }
}

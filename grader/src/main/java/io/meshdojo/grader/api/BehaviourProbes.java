package io.meshdojo.grader.api;

import io.meshdojo.grader.mesh.Request;
import io.meshdojo.grader.objectives.Objective;
import io.meshdojo.grader.objectives.TrafficPicture;
import java.util.List;
import java.util.Map;

/**
 * The probes of one behaviour objective, for a client that sends them for real and charts where the
 * requests went next to the grader's modelled shares.
 *
 * @param objective the objective's id
 * @param shareLabel the workload label whose values name the shares ({@code version}, say)
 * @param expectedShares the objective's expected shares by label; empty when it expects none
 */
public record BehaviourProbes(
    String objective, List<Probe> probes, String shareLabel, Map<String, Double> expectedShares) {

  public BehaviourProbes {
    probes = List.copyOf(probes);
    expectedShares = Map.copyOf(expectedShares);
  }

  /**
   * One probe as the grader reads it: method and path with their defaults, header names in lower
   * case. {@code description} is the same language-neutral line as in a {@link ProbeTraffic}.
   *
   * @param from the sending workload, {@code namespace/name}
   * @param gatewayPort set when the request enters through a gateway listener
   * @param protocol {@code http} or {@code dubbo}
   */
  public record Probe(
      String description,
      String from,
      String host,
      int port,
      String method,
      String path,
      Map<String, String> headers,
      Integer gatewayPort,
      String protocol) {

    public Probe {
      headers = Map.copyOf(headers);
    }

    public boolean dubbo() {
      return "dubbo".equals(protocol);
    }
  }

  /** The probes of a behaviour objective with probes. */
  static BehaviourProbes of(Objective objective) {
    List<Probe> probes =
        objective.probes().stream()
            .map(
                p -> {
                  Request r = p.request();
                  return new Probe(
                      TrafficPicture.describe(p),
                      p.from(),
                      p.host(),
                      p.port(),
                      r.method(),
                      r.path(),
                      r.headers(),
                      p.gatewayPort(),
                      p.protocol());
                })
            .toList();
    Objective.Expect expect = objective.expect();
    return new BehaviourProbes(
        objective.id(),
        probes,
        expect.shareLabel(),
        expect.shares() == null ? Map.of() : expect.shares());
  }
}

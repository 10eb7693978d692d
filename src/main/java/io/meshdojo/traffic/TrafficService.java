package io.meshdojo.traffic;

import io.meshdojo.grader.api.BehaviourProbes;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.web.BadInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Send real traffic": runs the probes of one behaviour objective in a kind sandbox and counts
 * where the requests went, to be charted next to the grader's simulated shares. Only a kind sandbox
 * has workloads to answer; the embedded one holds configuration only.
 */
@ApplicationScoped
public class TrafficService {

  /** Requests per probe: enough to see an 80/20 split, few enough to answer within a minute. */
  static final int REQUESTS_PER_PROBE = 50;

  /** No probe's loop starts a request after this many seconds. */
  static final int SECONDS_PER_PROBE = 30;

  private final Grader grader;
  private final Sandboxes sessions;
  private final ProbeCluster cluster;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  public TrafficService(Grader grader, Sandboxes sessions, ProbeCluster cluster) {
    this.grader = grader;
    this.sessions = sessions;
    this.cluster = cluster;
  }

  /** What a run observed: the objective and each probe's counts. */
  public record Result(String objective, List<ObservedTraffic> traffic) {
    public Map<String, Object> toJsonMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("objective", objective);
      m.put("traffic", traffic.stream().map(ObservedTraffic::toJsonMap).toList());
      return m;
    }
  }

  /**
   * Only the session's owner may send traffic; anyone else gets the same 404 as for none. One run
   * at a time per session: the requests are real and take a while.
   */
  public Result send(String username, String sessionId, String objectiveId, String serviceUrl) {
    SandboxView session = sessions.view(username, sessionId);
    if (!sessions.capabilities(session).workloads()) {
      throw new ClientErrorException(
          "Sandbox "
              + sessionId
              + " runs on the "
              + session.backend()
              + " backend, which holds configuration but runs no workloads; real traffic needs a"
              + " kind sandbox",
          409);
    }
    session.requireReady("traffic can be sent");
    BehaviourProbes objective = behaviourObjective(session.lab(), objectiveId);
    String kubeconfig = sessions.kubeconfig(username, sessionId, serviceUrl);
    if (!running.add(sessionId)) {
      throw new ClientErrorException(
          "Traffic is already being sent in sandbox " + sessionId + "; wait for its answer", 409);
    }
    try {
      Map<String, Map<String, String>> pods = cluster.podLabels(kubeconfig);
      List<ObservedTraffic> traffic = new ArrayList<>();
      for (BehaviourProbes.Probe probe : objective.probes()) {
        traffic.add(run(sessionId, probe, objective, kubeconfig, pods));
      }
      return new Result(objective.objective(), traffic);
    } catch (ProbeCluster.ProbeClusterException e) {
      throw new WebApplicationException("Sandbox " + sessionId + ": " + e.getMessage(), 502);
    } finally {
      running.remove(sessionId);
    }
  }

  private ObservedTraffic run(
      String sessionId,
      BehaviourProbes.Probe probe,
      BehaviourProbes objective,
      String kubeconfig,
      Map<String, Map<String, String>> pods) {
    String label = probe.description();
    Map<String, Double> expected = objective.expectedShares();
    var notSendable = ProbeScript.notSendable(probe);
    if (notSendable.isPresent()) {
      return ObservedTraffic.skipped(label, expected, notSendable.get());
    }
    ProbeCluster.Exec exec =
        cluster.execInToolbox(
            kubeconfig,
            ProbeScript.command(probe, REQUESTS_PER_PROBE, SECONDS_PER_PROBE),
            Duration.ofSeconds(SECONDS_PER_PROBE + 15));
    ProbeOutput output = ProbeOutput.parse(exec.out());
    if (exec.exitCode() != 0 && output.total() == 0 && !output.noClient()) {
      // kubectl exec itself failed: the source workload is missing or not running, say.
      throw new ClientErrorException(
          "Sandbox "
              + sessionId
              + ": no request could be sent from "
              + probe.from()
              + ": "
              + abbreviate(exec.err().strip()),
          409);
    }
    return ObservedTraffic.of(label, output, pods, objective.shareLabel(), expected);
  }

  /** kubectl's message, bounded: it ends up in an error response. */
  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }

  private BehaviourProbes behaviourObjective(String labId, String objectiveId) {
    if (objectiveId == null || objectiveId.isBlank()) {
      throw new BadInputException("Say which objective's probes to send: ?objective=<id>");
    }
    if (objectiveId.length() > 100) {
      throw new BadInputException("The objective id is longer than 100 characters");
    }
    return grader
        .probes(labId, objectiveId)
        .orElseThrow(
            () ->
                new BadInputException(
                    "Lab "
                        + labId
                        + " has no behaviour objective with probes named "
                        + objectiveId));
  }
}

package io.meshdojo.sandbox.dataplane;

import io.meshdojo.grader.api.MeshAnswers;
import io.meshdojo.sandbox.dataplane.SandboxPicture.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Aeraki lab's Dubbo consumer calls {@code DemoService.sayHello} once a second and logs which
 * provider answered. Nothing runs in the simulated sandbox, so the loop catches up when its log is
 * read: one call per second since the last read (the first read finds the last minute's calls),
 * each answered by the mesh model's MetaProtocol routing (MetaRouter weights, spread exactly as
 * {@link Spread} spreads requests) at the moment of reading.
 */
@ApplicationScoped
public class DubboConsumerLoop {

  static final String CONSUMER = "dubbo-sample-consumer";
  static final String SERVICE = "org.apache.dubbo.samples.basic.api.demoservice";
  static final String INTERFACE = "org.apache.dubbo.samples.basic.api.DemoService";
  static final int PORT = 20880;

  /** Calls one read catches up at most: the log's own bound keeps what matters. */
  private static final int MAX_CALLS = 200;

  private static final int FIRST_READ_CALLS = 60;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final Spread spread;
  private final PodLogs logs;

  public DubboConsumerLoop(Spread spread, PodLogs logs) {
    this.spread = spread;
    this.logs = logs;
  }

  /** Whether {@code container} of {@code pod} is the consumer application. */
  static boolean runsIn(Pod pod, String container) {
    return CONSUMER.equals(pod.labels().get("app")) && !"istio-proxy".equals(container);
  }

  /**
   * Logs the calls the consumer made since the last read, up to {@code now}. Its log's last line
   * tells when it last called, whichever replica logged it, and starts afresh after a reset.
   */
  synchronized void catchUp(
      String sandbox, SandboxPicture picture, Pod pod, String container, Instant now) {
    long nowSecond = now.getEpochSecond();
    long from =
        logs.lastPrinted(sandbox, pod.namespace(), pod.name(), container)
            .map(last -> last.getEpochSecond() + 1)
            .orElse(nowSecond - FIRST_READ_CALLS + 1);
    from = Math.max(from, nowSecond - MAX_CALLS + 1);
    for (long second = from; second <= nowSecond; second++) {
      Instant at = Instant.ofEpochSecond(second);
      logs.append(
          sandbox, pod.namespace(), pod.name(), container, at, line(sandbox, picture, pod, at));
    }
  }

  private String line(String sandbox, SandboxPicture picture, Pod pod, Instant at) {
    List<MeshAnswers.Answer> possible =
        picture
            .answers()
            .answerMeta(
                pod.workload(),
                SERVICE,
                PORT,
                Map.of("interface", INTERFACE, "method", "sayHello"));
    List<String> names = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    for (MeshAnswers.Answer a : possible) {
      names.add(a.outcome() + "|" + a.namespace() + "/" + a.workload());
      shares.add(a.probability());
    }
    MeshAnswers.Answer answer =
        possible.isEmpty()
            ? null
            : possible.get(spread.pick(sandbox + "|dubbo|" + pod.workload(), names, shares));
    String prefix = "[" + TIME.format(at) + "] ";
    if (answer == null || !answer.reached()) {
      return prefix
          + "Failed to invoke the method sayHello in the service "
          + INTERFACE
          + ". No provider available";
    }
    List<Pod> providers = picture.podsOf(answer.namespace() + "/" + answer.workload());
    String provider = answer.workload();
    if (!providers.isEmpty()) {
      Pod chosen =
          providers.get(spread.turn(sandbox + "|pods|" + answer.workload(), providers.size()));
      provider = chosen.name() + "/" + chosen.ip();
    }
    return prefix + "Hello Aeraki, response from " + provider;
  }
}

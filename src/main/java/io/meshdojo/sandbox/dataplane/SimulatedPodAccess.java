package io.meshdojo.sandbox.dataplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.console.PodAccess;
import io.meshdojo.sandbox.embedded.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The web terminal's {@code kubectl exec} and {@code kubectl logs}, answered by the same simulated
 * pods the sandbox API's exec and log endpoints use; {@code -f} goes on with each new line.
 */
@ApplicationScoped
public class SimulatedPodAccess implements PodAccess {

  private final PodShell shell;
  private final PodLogs logs;
  private final ObjectStore store;

  public SimulatedPodAccess(PodShell shell, PodLogs logs, ObjectStore store) {
    this.shell = shell;
    this.logs = logs;
    this.store = store;
  }

  @Override
  public Output exec(
      String sandbox, String namespace, String pod, String container, List<String> command) {
    PodShell.ExecResult r = shell.run(sandbox, namespace, pod, container, command);
    return new Output(r.stdout(), r.stderr(), r.exitCode());
  }

  @Override
  public Output logs(
      String sandbox, String namespace, String pod, String container, LogRequest request) {
    String name = shell.container(sandbox, namespace, pod, container);
    shell.catchUp(sandbox, namespace, pod, name);
    Integer tail = request.tail() < 0 ? null : (int) Math.min(request.tail(), Integer.MAX_VALUE);
    Instant since =
        request.sinceSeconds() < 0 ? null : Instant.now().minusSeconds(request.sinceSeconds());
    List<String> lines = new java.util.ArrayList<>(istiod(sandbox, namespace, pod, name));
    logs.read(sandbox, namespace, pod, name, null, since).forEach(l -> lines.add(l.text()));
    List<String> kept =
        tail == null || tail >= lines.size()
            ? lines
            : lines.subList(lines.size() - Math.max(0, tail), lines.size());
    return new Output(kept.stream().map(l -> l + "\n").collect(Collectors.joining()), "", 0);
  }

  /** istiod's own lines about its mesh config, as its objects say now; none for other pods. */
  private List<String> istiod(String sandbox, String namespace, String pod, String container) {
    if (!namespace.equals("istio-system") || !container.equals("discovery")) {
      return List.of();
    }
    List<ObjectNode> objects = store.all(sandbox);
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals("Pod"))
        .filter(o -> o.path("metadata").path("name").asText().equals(pod))
        .filter(IstiodLog::isIstiod)
        .findFirst()
        .map(p -> IstiodLog.lines(p, objects))
        .orElse(List.of());
  }

  @Override
  public AutoCloseable follow(
      String sandbox, String namespace, String pod, String container, Consumer<String> line) {
    String name = shell.container(sandbox, namespace, pod, container);
    return logs.follow(sandbox, namespace, pod, name, l -> line.accept(l.text()));
  }
}

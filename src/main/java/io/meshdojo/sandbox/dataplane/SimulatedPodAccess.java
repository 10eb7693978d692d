package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.console.PodAccess;
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
  private final IstiodLog istiod;

  public SimulatedPodAccess(PodShell shell, PodLogs logs, IstiodLog istiod) {
    this.shell = shell;
    this.logs = logs;
    this.istiod = istiod;
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
    String text =
        istiod.read(sandbox, namespace, pod, name, tail, since).stream()
            .map(line -> line.text() + "\n")
            .collect(Collectors.joining());
    return new Output(text, "", 0);
  }

  @Override
  public AutoCloseable follow(
      String sandbox, String namespace, String pod, String container, Consumer<String> line) {
    String name = shell.container(sandbox, namespace, pod, container);
    return logs.follow(sandbox, namespace, pod, name, l -> line.accept(l.text()));
  }
}

package io.meshdojo.sandbox.console;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the terminal's {@code kubectl exec} and {@code kubectl logs} ask of a pod, once the terminal
 * has found the pod and its container. The simulated data plane answers it.
 */
public interface PodAccess {

  /** What a command or a log read printed, and the exit code it ended with. */
  record Output(String stdout, String stderr, int exitCode) {}

  /** Which log lines: {@code tail} the last n (-1 all), {@code sinceSeconds} (-1 no limit). */
  record LogRequest(long tail, long sinceSeconds, boolean follow) {}

  /** Runs {@code command} in the pod's container. */
  Output exec(String sandbox, String namespace, String pod, String container, List<String> command);

  /** The container's log lines. */
  Output logs(String sandbox, String namespace, String pod, String container, LogRequest request);

  /**
   * {@code logs -f}: hands each line the container prints from now on to {@code line}, until the
   * returned handle closes.
   */
  AutoCloseable follow(
      String sandbox, String namespace, String pod, String container, Consumer<String> line);
}

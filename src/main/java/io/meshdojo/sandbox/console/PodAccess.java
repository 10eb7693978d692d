package io.meshdojo.sandbox.console;

import java.util.List;
import java.util.Optional;

/**
 * What the terminal's {@code kubectl exec} and {@code kubectl logs} ask of a pod, once the terminal
 * has found the pod and its container. The data plane answers it; a build without one answers
 * empty, and the terminal says so.
 */
public interface PodAccess {

  /** What a command or a log read printed, and the exit code it ended with. */
  record Output(String stdout, String stderr, int exitCode) {}

  /** Which log lines: {@code tail} the last n (-1 all), {@code sinceSeconds} (-1 no limit). */
  record LogRequest(long tail, long sinceSeconds, boolean follow) {}

  /** Runs {@code command} in the pod's container; empty when this build runs nothing in pods. */
  Optional<Output> exec(
      String sandbox, String namespace, String pod, String container, List<String> command);

  /** The container's log lines; empty when this build keeps no pod logs. */
  Optional<Output> logs(
      String sandbox, String namespace, String pod, String container, LogRequest request);
}

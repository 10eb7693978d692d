package io.meshdojo.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshdojo.sandbox.kind.InstallPlanRunner.Progress;
import io.meshdojo.sandbox.kind.InstallPlanRunner.StepFailedException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The environment's baseline (Istio, add-ons, toolbox, baseline apps) in each sandbox pod's inner
 * cluster, installed through the same install plan as a kind cluster's. A pod counts as ready for a
 * learner only once its baseline is installed.
 *
 * <p>Where each pod's install stands lives in the pod's annotations, so every replica sees it: a
 * replica takes an install by setting {@value #STATE}={@value #INSTALLING} with the {@code
 * resourceVersion} it read (the API server's compare-and-swap, as for claims: two replicas never
 * install into the same pod), runs it in the background, records each step's progress, and ends
 * with {@value #INSTALLED} or {@value #FAILED} and the reason. An install that runs past its
 * timeout (its replica stopped) counts as failed.
 */
final class Baselines {

  static final String STATE = "meshdojo.io/baseline";
  static final String INSTALLING = "installing";
  static final String INSTALLED = "installed";
  static final String FAILED = "failed";

  /** When the install was taken, so a stalled one is noticed. */
  static final String STARTED = "meshdojo.io/baseline-started";

  /** The step under way, {@code <n>/<total> <step>}. */
  static final String PROGRESS = "meshdojo.io/baseline-progress";

  static final String FAILED_STEP = "meshdojo.io/baseline-failed-step";
  static final String ERROR = "meshdojo.io/baseline-error";

  /** What is said before the first step, and when a failure has no step. */
  static final String INSTALL = "Installing the environment";

  /** Annotations are small: a failure's reason is cut to this many characters. */
  static final int REASON_LIMIT = 2000;

  private static final Pattern PROGRESS_VALUE =
      Pattern.compile("(\\d{1,6})/(\\d{1,6}) (.*)", Pattern.DOTALL);
  private static final Logger LOG = Logger.getLogger(Baselines.class);

  /** Installs an environment's baseline into the cluster of an admin kubeconfig. */
  @FunctionalInterface
  interface Installer {
    void install(String environment, String kubeconfig, Consumer<Progress> progress)
        throws Exception;
  }

  /** Where a pod's baseline stands. */
  sealed interface State {}

  /** Nobody took its install yet. */
  record NotStarted() implements State {}

  /** Under way; the step it is at, once known. */
  record Installing(Optional<Progress> at) implements State {}

  record Installed() implements State {}

  /** Failed at a step, or stalled; the pod must not be handed out. */
  record Failed(String step, String reason) implements State {}

  private final Supplier<KubernetesClient> client;
  private final String namespace;
  private final Installer installer;
  private final Executor background;
  private final Clock clock;
  private final Duration timeout;

  Baselines(
      Supplier<KubernetesClient> client,
      String namespace,
      Installer installer,
      Executor background,
      Clock clock,
      Duration timeout) {
    this.client = client;
    this.namespace = namespace;
    this.installer = installer;
    this.background = background;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Where the pod's baseline stands, as its annotations say. */
  State of(Pod pod) {
    Map<String, String> notes = annotations(pod);
    String state = notes.get(STATE);
    if (state == null) {
      return new NotStarted();
    }
    if (INSTALLED.equals(state)) {
      return new Installed();
    }
    if (FAILED.equals(state)) {
      return new Failed(
          notes.getOrDefault(FAILED_STEP, INSTALL), notes.getOrDefault(ERROR, "failed"));
    }
    Instant started = started(notes.get(STARTED));
    if (started == null || started.plus(timeout).isBefore(clock.instant())) {
      return new Failed(
          INSTALL,
          "the baseline install did not finish within "
              + timeout.toMinutes()
              + " minutes (the replica running it may have stopped)");
    }
    return new Installing(progress(notes.get(PROGRESS)));
  }

  /** Whether a learner may be handed the pod: its baseline is in. */
  static boolean installed(Pod pod) {
    return INSTALLED.equals(annotations(pod).get(STATE));
  }

  /**
   * Takes the pod's install, unless another replica did or it was taken already, and runs it in the
   * background.
   *
   * @param kubeconfig the inner cluster's admin kubeconfig
   * @return whether this call took it
   */
  boolean begin(Pod pod, String kubeconfig) {
    if (!(of(pod) instanceof NotStarted)) {
      return false;
    }
    Pod taken =
        new PodBuilder(pod)
            .editMetadata()
            .addToAnnotations(STATE, INSTALLING)
            .addToAnnotations(STARTED, clock.instant().toString())
            .endMetadata()
            .build();
    try {
      // update() carries the resourceVersion read: a replica that took it first makes this a 409.
      client.get().pods().inNamespace(namespace).resource(taken).update();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
    String name = pod.getMetadata().getName();
    String environment = pod.getMetadata().getLabels().get(SandboxPodTemplate.ENVIRONMENT_LABEL);
    background.execute(() -> install(name, environment, kubeconfig));
    return true;
  }

  private void install(String pod, String environment, String kubeconfig) {
    try {
      installer.install(
          environment,
          kubeconfig,
          at ->
              annotate(
                  pod,
                  Map.of(PROGRESS, at.stepNumber() + "/" + at.totalSteps() + " " + at.step())));
      annotate(pod, Map.of(STATE, INSTALLED));
      LOG.infof("Sandbox pod %s has the %s baseline", pod, environment);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(pod, INSTALL, "the install was interrupted (the service is stopping)");
    } catch (StepFailedException e) {
      fail(pod, e.step(), message(e));
    } catch (Exception | Error e) {
      fail(pod, INSTALL, message(e));
    }
  }

  private void fail(String pod, String step, String reason) {
    LOG.warnf("The baseline install in sandbox pod %s failed at %s: %s", pod, step, reason);
    try {
      annotate(pod, Map.of(STATE, FAILED, FAILED_STEP, cut(step), ERROR, cut(reason)));
    } catch (RuntimeException e) {
      // The install's timeout still makes the pod count as failed.
      LOG.warnf(e, "Could not record the failed install of sandbox pod %s", pod);
    }
  }

  /** A patch of the annotations only, so it never conflicts with a claim's label update. */
  private void annotate(String pod, Map<String, String> notes) {
    UnaryOperator<Pod> edit =
        current ->
            new PodBuilder(current).editMetadata().addToAnnotations(notes).endMetadata().build();
    client.get().pods().inNamespace(namespace).withName(pod).edit(edit);
  }

  private static Map<String, String> annotations(Pod pod) {
    Map<String, String> notes = pod.getMetadata().getAnnotations();
    return notes == null ? Map.of() : notes;
  }

  private static Optional<Progress> progress(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = PROGRESS_VALUE.matcher(value);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Progress(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3)));
  }

  private static Instant started(String value) {
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String cut(String text) {
    return text.length() <= REASON_LIMIT ? text : text.substring(0, REASON_LIMIT) + "…";
  }
}

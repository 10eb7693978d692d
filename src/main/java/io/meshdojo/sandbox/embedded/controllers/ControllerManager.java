package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.SandboxSessionRepository;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded sandbox's controller manager. Every change the {@link ObjectStore} makes is queued
 * in its transaction; when the outermost write is done, the queue is drained: each change goes to
 * the controllers watching it, whose own writes queue further changes, until nothing is left. So a
 * write acknowledged to kubectl is stored with everything it causes, in one commit, and watches see
 * every step.
 */
@ApplicationScoped
public class ControllerManager {

  /** Far beyond any real cascade (a Deployment of 50 Pods takes a few hundred): a loop is a bug. */
  static final int MAX_STEPS = 20_000;

  private static final Object QUEUE_KEY = new Object();
  private static final Object DRAINING_KEY = new Object();

  private final TransactionSynchronizationRegistry transactions;
  private final List<Controller> controllers;
  private final SidecarInjector injector;
  private final ObjectStore store;
  private final SandboxSessionRepository sessions;
  private final EnvironmentCatalog environments;
  private final ControlPlaneRecorder recorder;

  public ControllerManager(
      TransactionSynchronizationRegistry transactions,
      Instance<Controller> controllers,
      SidecarInjector injector,
      ObjectStore store,
      SandboxSessionRepository sessions,
      EnvironmentCatalog environments,
      ControlPlaneRecorder recorder) {
    this.transactions = transactions;
    this.controllers = controllers.stream().toList();
    this.injector = injector;
    this.store = store;
    this.sessions = sessions;
    this.environments = environments;
    this.recorder = recorder;
  }

  /** The registered controllers, for the registry's own test. */
  public List<Controller> controllers() {
    return controllers;
  }

  /**
   * Mutating admission, before an object is first stored: a Pod gets its sidecar here, as Istio's
   * injection webhook adds it.
   */
  public void admit(String sandbox, ResourceType type, String ns, ObjectNode body) {
    if (type.group().isEmpty() && type.kind().equals("Pod")) {
      Cluster cluster = cluster(sandbox);
      java.util.Optional<String> refused = SidecarInjector.refusal(cluster, ns, body);
      if (refused.isPresent()) {
        throw new io.meshdojo.sandbox.embedded.KubeException(500, "InternalError", refused.get());
      }
      injector.inject(cluster, ns, body);
    }
  }

  /**
   * What Slime's lazyload learned from the simulated data plane: hosts that proxies under a fence
   * reached through the global-sidecar, by fence ({@code namespace/name}). Written as Slime's
   * controller writes them, with the Sidecars they grow, in one transaction.
   */
  @Transactional
  public void lazyloadLearned(String sandbox, Map<String, List<String>> hostsByFence) {
    Cluster cluster = cluster(sandbox);
    if (cluster.hasAddon("slime")) {
      hostsByFence.forEach((fence, hosts) -> LazyloadController.learn(cluster, fence, hosts));
    }
  }

  /** Queues a change of the current transaction for the controllers. */
  public void changed(String sandbox, String event, ResourceType type, ObjectNode object) {
    queue().add(new Change(sandbox, event, type, object.deepCopy()));
  }

  /**
   * Reconciles everything queued in this transaction; a write made by a controller only queues, the
   * outermost write drains.
   */
  public void drain() {
    if (transactions.getResource(DRAINING_KEY) != null) {
      return;
    }
    transactions.putResource(DRAINING_KEY, Boolean.TRUE);
    try {
      Deque<Change> queue = queue();
      int steps = 0;
      java.util.Set<String> touched = new java.util.LinkedHashSet<>();
      while (!queue.isEmpty()) {
        Change change = queue.poll();
        if (ControlPlaneRecorder.concerns(change)) {
          touched.add(change.sandbox());
        }
        for (Controller c : controllers) {
          if (c.watches(change)) {
            if (++steps > MAX_STEPS) {
              throw new IllegalStateException(
                  "controllers did not settle after " + MAX_STEPS + " steps");
            }
            c.reconcile(cluster(change.sandbox()), change);
          }
        }
      }
      touched.forEach(sandbox -> recorder.record(store, sandbox));
    } finally {
      transactions.putResource(DRAINING_KEY, null);
    }
  }

  /** The control plane history of a sandbox, for the grader, oldest first. */
  public List<io.meshdojo.grader.api.ControlPlaneHistory.Moment> history(String sandbox) {
    return recorder.history(sandbox);
  }

  /** A sandbox was cleared (reset, end): what was recorded of it goes. */
  public void forget(String sandbox) {
    recorder.forget(sandbox);
  }

  @SuppressWarnings("unchecked")
  private Deque<Change> queue() {
    Deque<Change> queue = (Deque<Change>) transactions.getResource(QUEUE_KEY);
    if (queue == null) {
      queue = new ArrayDeque<>();
      transactions.putResource(QUEUE_KEY, queue);
    }
    return queue;
  }

  private Cluster cluster(String sandbox) {
    return new Cluster(
        store,
        sandbox,
        () -> istioVersion(sandbox),
        addon ->
            environment(sandbox)
                .map(e -> e.addons().stream().anyMatch(a -> a.name().equals(addon)))
                .orElse(false));
  }

  private Optional<Environment> environment(String sandbox) {
    return sessions
        .findByIdOptional(sandbox)
        .map((SandboxSession s) -> s.environment)
        .flatMap(environments::find);
  }

  private String istioVersion(String sandbox) {
    return environment(sandbox).map(Environment::istioVersion).orElse("");
  }
}

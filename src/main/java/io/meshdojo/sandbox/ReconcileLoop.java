package io.meshdojo.sandbox;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.fleet.FleetOnce;
import io.meshdojo.sandbox.SandboxReconciler.Again;
import io.meshdojo.sandbox.SandboxReconciler.Result;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * When sandboxes are reconciled: at once after a request changed what one wants (start, reset,
 * end), again when a reconcile asks to (a cluster still being created), every {@code
 * meshdojo.sandbox.reconcile-every} for whatever is due (in one replica of the fleet), and at start
 * for whatever the previous run left unsettled. The follow-ups it schedules are only a shortcut:
 * each row says when it is next due, so a follow-up lost with a stopped process is found by the
 * next sweep.
 */
@ApplicationScoped
public class ReconcileLoop {

  static final String JOB = "reconcile-sandboxes";

  /** Sandboxes one sweep takes on; the rest wait for the next. */
  static final int SWEEP_LIMIT = 200;

  private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

  private final SandboxReconciler reconciler;
  private final SandboxSessionRepository sessions;
  private final FleetOnce once;
  private final MeshDojoConfig config;

  private final ScheduledExecutorService followUps =
      Executors.newScheduledThreadPool(
          2,
          new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "sandbox-reconcile-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  public ReconcileLoop(
      SandboxReconciler reconciler,
      SandboxSessionRepository sessions,
      FleetOnce once,
      MeshDojoConfig config) {
    this.reconciler = reconciler;
    this.sessions = sessions;
    this.once = once;
    this.config = config;
  }

  /** Reconciles the sandbox on this thread; follow-ups it asks for run on the loop's threads. */
  public void now(String id) {
    follow(id, step(id));
  }

  /**
   * Reconciles the sandbox on this thread, once: a request answers with what this step observed,
   * then has the loop {@link #follow} up.
   */
  public Result step(String id) {
    return reconciler.reconcile(id);
  }

  /** Schedules the follow-up a result asks for. */
  public void follow(String id, Result result) {
    if (result instanceof Again again) {
      later(id, again.after().toMillis());
    }
  }

  private void later(String id, long millis) {
    try {
      followUps.schedule(() -> safely(id), millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // The service is stopping: the row says the reconcile is due, the next run does it.
    }
  }

  private void safely(String id) {
    try {
      now(id);
    } catch (RuntimeException e) {
      LOG.warnf(e, "reconciling sandbox %s failed; the sweep tries again", id);
    }
  }

  @Scheduled(
      every = "${meshdojo.sandbox.reconcile-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    once.run(JOB, config.sandbox().reconcileEvery(), this::reconcileDue);
  }

  /**
   * Reconciles every sandbox that is due: a step it asked for, a release not yet done, or its time
   * is up although nobody looked at it.
   */
  public void reconcileDue() {
    List<String> due =
        QuarkusTransaction.requiringNew().call(() -> sessions.due(Instant.now(), SWEEP_LIMIT));
    for (String id : due) {
      safely(id);
    }
  }

  void onStart(@Observes StartupEvent start) {
    resumeUnsettled();
  }

  /**
   * Reconciles, soon, every sandbox the previous run left being prepared or released: each resumes
   * where its backend is, or fails with a reason (and stops counting against its learner's limit).
   */
  public void resumeUnsettled() {
    List<String> unsettled = QuarkusTransaction.requiringNew().call(sessions::unsettled);
    if (!unsettled.isEmpty()) {
      LOG.infof("Resuming %d sandboxes left unsettled by the previous run", unsettled.size());
    }
    for (String id : unsettled) {
      later(id, 0);
    }
  }

  @PreDestroy
  void stop() {
    followUps.shutdownNow();
  }
}

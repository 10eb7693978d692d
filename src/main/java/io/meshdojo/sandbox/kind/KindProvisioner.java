package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.SandboxProvisioner;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.SandboxStatus;
import io.meshdojo.sandbox.kind.ClusterPool.Lease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sandboxes on real kind clusters, taken from the {@link ClusterPool} of the {@link
 * KindSandboxBackend}. {@link #provision} blocks for as long as the cluster takes (minutes): the
 * caller runs it off the request thread. While the request waits in the pool's queue it reports the
 * queue position; while the cluster is installed it reports the install plan's steps.
 *
 * <p>A session's cluster is the lease whose owner is the session id, so a lease adopted after a
 * restart still belongs to its session.
 */
@ApplicationScoped
public class KindProvisioner implements SandboxProvisioner {

  public static final String BACKEND = "kind";

  /** Applies the lab's setup manifests to a ready cluster. */
  @FunctionalInterface
  public interface SetupApplier {
    void apply(String kubeconfig, List<ObjectNode> objects) throws Exception;
  }

  /** Issues the kubeconfig a learner downloads for a ready cluster. */
  @FunctionalInterface
  public interface LearnerKubeconfigs {
    String issue(Lease lease);
  }

  private final Supplier<Optional<ClusterPool>> pool;
  private final Supplier<KindAvailability> availability;
  private final SetupApplier setup;
  private final LearnerKubeconfigs learner;
  private final Duration pollEvery;

  /** Queue tickets of sessions still waiting for a cluster. */
  private final Map<String, String> tickets = new ConcurrentHashMap<>();

  @Inject
  public KindProvisioner(KindSandboxBackend backend, KindSandboxConfig config) {
    this(
        backend::pool,
        backend::availability,
        KindProvisioner::applyWithFabric8,
        new ServiceAccountKubeconfigs(backend::install, config.externalHost(), Clock.systemUTC()),
        Duration.ofMillis(500));
  }

  KindProvisioner(
      Supplier<Optional<ClusterPool>> pool,
      Supplier<KindAvailability> availability,
      SetupApplier setup,
      LearnerKubeconfigs learner,
      Duration pollEvery) {
    this.pool = pool;
    this.availability = availability;
    this.setup = setup;
    this.learner = learner;
    this.pollEvery = pollEvery;
  }

  @Override
  public String backend() {
    return BACKEND;
  }

  @Override
  public boolean available() {
    return availability.get().available() && pool.get().isPresent();
  }

  /** Why the backend cannot serve, for the log line of the fallback. */
  public String unavailableReason() {
    KindAvailability a = availability.get();
    return a.available() ? "its cluster pool is not running" : a.reason();
  }

  @Override
  public void provision(
      SandboxSession session,
      Environment environment,
      List<ObjectNode> objects,
      Progress progress) {
    ClusterPool p = pool();
    ClusterPool.Answer answer = p.request(session.id, environment.name());
    String leaseId;
    if (answer instanceof ClusterPool.Granted g) {
      leaseId = g.lease().id();
    } else if (answer instanceof ClusterPool.Queued q) {
      leaseId = waitForTurn(p, session.id, q, progress);
    } else {
      throw new ProvisioningException(
          Progress.QUEUED, ((ClusterPool.Refused) answer).reason(), null);
    }
    Lease ready = followInstall(p, leaseId, progress);
    if (!objects.isEmpty()) {
      progress.step("Lab setup", 99);
      try {
        setup.apply(ready.kubeconfig(), objects);
      } catch (Exception e) {
        throw new ProvisioningException("Lab setup", message(e), e);
      }
    }
  }

  /** Polls the queue ticket, reporting the position, until the pool serves it. */
  private String waitForTurn(
      ClusterPool p, String sessionId, ClusterPool.Queued queued, Progress progress) {
    tickets.put(sessionId, queued.ticket());
    try {
      int reported = -1;
      while (true) {
        ClusterPool.TicketStatus status = p.ticket(queued.ticket());
        if (status instanceof ClusterPool.Served s) {
          return s.lease().id();
        }
        if (!(status instanceof ClusterPool.Waiting w)) {
          throw new ProvisioningException(
              Progress.QUEUED, "the request left the queue before a cluster was free", null);
        }
        if (w.position() != reported) {
          reported = w.position();
          progress.queued(reported);
        }
        pause(Progress.QUEUED);
      }
    } finally {
      tickets.remove(sessionId);
    }
  }

  /** Polls the lease, reporting install steps, until its cluster is ready or has failed. */
  private Lease followInstall(ClusterPool p, String leaseId, Progress progress) {
    String last = null;
    String current = "Starting cluster";
    while (true) {
      Optional<Lease> lease = p.lease(leaseId);
      if (lease.isEmpty()) {
        throw new ProvisioningException(
            current, "the cluster was released before it was ready", null);
      }
      switch (lease.get().status()) {
        case READY -> {
          return lease.get();
        }
        case FAILED -> {
          String step = lease.get().failedStep() == null ? current : lease.get().failedStep();
          throw new ProvisioningException(step, lease.get().error(), null);
        }
        case PROVISIONING -> {
          Optional<InstallPlanRunner.Progress> at = p.progress(leaseId);
          String step = at.map(InstallPlanRunner.Progress::step).orElse(current);
          int percent = at.map(InstallPlanRunner.Progress::percent).orElse(0);
          String key = step + "@" + percent;
          if (!key.equals(last)) {
            last = key;
            current = step;
            progress.step(step, percent);
          }
        }
      }
      pause(current);
    }
  }

  private void pause(String step) {
    try {
      Thread.sleep(pollEvery.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisioningException(step, "provisioning was interrupted", e);
    }
  }

  @Override
  public SandboxStatus status(SandboxSession session) {
    if (tickets.containsKey(session.id)) {
      return SandboxStatus.PROVISIONING;
    }
    return pool.get()
        .flatMap(p -> p.leaseOf(session.id))
        .map(
            lease ->
                switch (lease.status()) {
                  case READY -> SandboxStatus.READY;
                  case PROVISIONING -> SandboxStatus.PROVISIONING;
                  case FAILED -> SandboxStatus.FAILED;
                })
        .orElse(SandboxStatus.ENDED);
  }

  /**
   * The cluster's own admin kubeconfig, for the service's own work in the cluster (lab setup, the
   * editor, the terminal, traffic, grading): the token and service URL do not apply.
   *
   * @throws IllegalStateException when the cluster is not ready
   */
  @Override
  public String kubeconfig(SandboxSession session, String token, String serviceUrl) {
    return readyLease(session).kubeconfig();
  }

  /**
   * The learner's own kubeconfig: a ServiceAccount of the learner's namespaces, at the address
   * learners reach the cluster at (see {@link ServiceAccountKubeconfigs}). Never the admin one.
   *
   * @throws IllegalStateException when the cluster is not ready
   * @throws WebApplicationException 502 when the cluster does not answer
   */
  @Override
  public String learnerKubeconfig(SandboxSession session, String token, String serviceUrl) {
    Lease lease = readyLease(session);
    try {
      return learner.issue(lease);
    } catch (KubernetesClientException e) {
      throw new WebApplicationException(
          "The cluster of sandbox " + session.id + " did not issue a kubeconfig: " + message(e),
          502);
    }
  }

  private Lease readyLease(SandboxSession session) {
    return pool.get()
        .flatMap(p -> p.leaseOf(session.id))
        .filter(lease -> lease.status() == ClusterPool.Status.READY)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the cluster of sandbox " + session.id + " is not ready"));
  }

  /** Records that the learner is at work on the sandbox, pushing back the pool's idle reaping. */
  public void touch(SandboxSession session) {
    pool.get().ifPresent(p -> p.leaseOf(session.id).ifPresent(lease -> p.touch(lease.id())));
  }

  /** The cluster's lease follows the session: the pool caps it at its own maximum lifetime. */
  @Override
  public void extend(SandboxSession session, Duration more) {
    pool.get().ifPresent(p -> p.leaseOf(session.id).ifPresent(lease -> p.extend(lease.id(), more)));
  }

  /** Re-provisions: the used cluster is released (never reused) and a fresh one requested. */
  @Override
  public void reset(
      SandboxSession session,
      Environment environment,
      List<ObjectNode> objects,
      Progress progress) {
    destroy(session);
    provision(session, environment, objects, progress);
  }

  /** Gives the cluster back to the pool, which destroys it; a waiting request leaves the queue. */
  @Override
  public void destroy(SandboxSession session) {
    String ticket = tickets.remove(session.id);
    Optional<ClusterPool> p = pool.get();
    if (p.isEmpty()) {
      return;
    }
    if (ticket != null) {
      p.get().cancel(ticket);
    }
    p.get().leaseOf(session.id).ifPresent(lease -> p.get().release(lease.id()));
  }

  private ClusterPool pool() {
    return pool.get()
        .orElseThrow(
            () ->
                new ProvisioningException(
                    Progress.QUEUED,
                    "the kind backend is not available: " + unavailableReason(),
                    null));
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Server-side apply of each object, as {@code kubectl apply --server-side} would. */
  static void applyWithFabric8(String kubeconfig, List<ObjectNode> objects) {
    try (KubernetesClient client = SandboxClusters.connect(kubeconfig)) {
      for (ObjectNode object : objects) {
        client
            .resource(object.toString())
            .fieldManager("meshdojo")
            .forceConflicts()
            .serverSideApply();
      }
    }
  }
}

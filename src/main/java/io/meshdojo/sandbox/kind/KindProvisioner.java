package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshdojo.sandbox.LabSetups;
import io.meshdojo.sandbox.LearnerRights;
import io.meshdojo.sandbox.SandboxBackend;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.WarmReservations;
import io.meshdojo.sandbox.kind.ClusterPool.Lease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sandboxes on real kind clusters, taken from the {@link ClusterPool} of the {@link
 * KindSandboxBackend}. Each {@link #prepare} step asks the pool where the sandbox's cluster stands
 * (queued, being created, ready, failed) and returns at once; the pool creates clusters on its own
 * threads, and the reconciler asks again a little later. The step that finds the cluster ready
 * applies the lab's setup (server-side apply, so doing it twice does no harm).
 *
 * <p>A sandbox's cluster is the lease, or the queued request, whose owner is the sandbox id, so a
 * restarted replica, or any other replica of the fleet (the pool is rows in the database), finds
 * it. A sandbox whose preparation had begun but of which the pool knows nothing (its cluster
 * vanished) fails with a reason instead of waiting for ever; one whose creation was given up fails
 * with the pool's reason.
 */
@ApplicationScoped
public class KindProvisioner implements SandboxBackend {

  static final String NAME = "kind";

  /** The step name shown while a request waits for capacity. */
  static final String QUEUED = "Queued";

  static final String STARTING = "Starting cluster";

  private static final Capabilities CAPABILITIES = new Capabilities(false, true);

  /** Applies the lab's setup manifests to a ready cluster. */
  @FunctionalInterface
  public interface SetupApplier {
    void apply(String kubeconfig, List<ObjectNode> objects) throws Exception;
  }

  /** The learner's access objects in a ready cluster, and the kubeconfig the learner downloads. */
  public interface LearnerKubeconfigs {

    /** Applies the learner's access for {@code rights} (the toolbox's too); idempotent. */
    void grant(Lease lease, LearnerRights rights);

    /** The learner's kubeconfig for {@code rights}, granting them again first. */
    String issue(Lease lease, LearnerRights rights);
  }

  private final Supplier<Optional<ClusterPool>> pool;
  private final Supplier<KindAvailability> availability;
  private final SetupApplier setup;
  private final LearnerKubeconfigs learner;
  private final Function<String, LearnerRights> rights;
  private final boolean clusterAdminLabs;
  private final Duration pollEvery;

  @Inject
  public KindProvisioner(KindSandboxBackend backend, KindSandboxConfig config, LabSetups setups) {
    this(
        backend::pool,
        backend::availability,
        KindProvisioner::applyWithFabric8,
        new ServiceAccountKubeconfigs(backend::install, config.externalHost(), Clock.systemUTC()),
        setups::rights,
        config.clusterAdminLabs(),
        Duration.ofMillis(500));
  }

  KindProvisioner(
      Supplier<Optional<ClusterPool>> pool,
      Supplier<KindAvailability> availability,
      SetupApplier setup,
      LearnerKubeconfigs learner,
      Function<String, LearnerRights> rights,
      boolean clusterAdminLabs,
      Duration pollEvery) {
    this.pool = pool;
    this.availability = availability;
    this.setup = setup;
    this.learner = learner;
    this.rights = rights;
    this.clusterAdminLabs = clusterAdminLabs;
    this.pollEvery = pollEvery;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> unavailable() {
    KindAvailability a = availability.get();
    if (!a.available()) {
      return Optional.of(a.reason());
    }
    return pool.get().isPresent()
        ? Optional.empty()
        : Optional.of("its cluster pool is not running");
  }

  /**
   * Labs that install or repair Istio give the learner the sandbox cluster's admin rights, with
   * which a pod can reach the host the kind node runs on: served only where the operator allows it.
   */
  @Override
  public Optional<String> declines(LearnerRights wanted) {
    return wanted.declinedUnless(clusterAdminLabs, "meshdojo.sandbox.kind.cluster-admin-labs");
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Step prepare(SandboxSession sandbox, Preparation preparation) {
    Optional<ClusterPool> found = pool.get();
    if (found.isEmpty()) {
      return new Failed(QUEUED, "the kind backend is not available: " + unavailable().orElse(""));
    }
    ClusterPool p = found.get();
    if (preparation.reset() && !preparation.begun()) {
      // A used cluster is never reused: the reset gives it back and asks for a fresh one.
      p.withdraw(sandbox.id);
    }
    Optional<Lease> lease = p.leaseOf(sandbox.id);
    if (lease.isPresent()) {
      return follow(p, lease.get(), preparation, sandbox);
    }
    Optional<Integer> position = p.queuePosition(sandbox.id);
    if (position.isPresent()) {
      return new Working(QUEUED, 0, position.get(), pollEvery);
    }
    if (preparation.begun()) {
      return new Failed(
          STARTING,
          "the pool no longer holds this sandbox's cluster or queued request (the service was"
              + " restarted while it was being prepared); start a new session");
    }
    ClusterPool.Answer answer =
        p.request(sandbox.id, preparation.environment().name(), sandbox.reservation);
    if (answer instanceof ClusterPool.Queued q) {
      return new Working(QUEUED, 0, q.position(), pollEvery);
    }
    if (answer instanceof ClusterPool.Refused r) {
      return new Failed(QUEUED, r.reason());
    }
    // Asked: where the cluster stands is for the next step to see, even if it is ready already.
    return new Working(STARTING, 0, null, pollEvery);
  }

  /**
   * Where a granted cluster stands; once ready, the lab setup goes in, the learner's access follows
   * it (its namespaces exist by then) and the sandbox is done.
   */
  private Step follow(ClusterPool p, Lease lease, Preparation preparation, SandboxSession sandbox) {
    List<ObjectNode> objects = preparation.setup();
    switch (lease.status()) {
      case FAILED -> {
        return new Failed(
            lease.failedStep() == null ? STARTING : lease.failedStep(), lease.error());
      }
      case PROVISIONING -> {
        Optional<InstallPlanRunner.Progress> at = p.progress(lease.id());
        if (at.isPresent()) {
          return new Working(at.get().step(), at.get().percent(), null, pollEvery);
        }
        // Between the install's last step and the lease turning ready no progress is known: keep
        // showing where the install got to, rather than falling back to 0 %.
        boolean installing = sandbox.step != null && !QUEUED.equals(sandbox.step);
        return new Working(
            installing ? sandbox.step : STARTING,
            installing ? sandbox.percent : 0,
            null,
            pollEvery);
      }
      default -> {
        try {
          if (!objects.isEmpty()) {
            setup.apply(lease.kubeconfig(), objects);
          }
          learner.grant(lease, preparation.rights());
        } catch (Exception e) {
          return new Failed("Lab setup", message(e));
        }
        return new Done();
      }
    }
  }

  /**
   * The cluster's own admin kubeconfig, for the service's own work in the cluster (lab setup, the
   * editor, the terminal, traffic, grading); empty until the cluster is ready.
   */
  @Override
  public Optional<String> serviceKubeconfig(SandboxSession sandbox, String serviceUrl) {
    return readyLease(sandbox).map(Lease::kubeconfig);
  }

  /**
   * The learner's own kubeconfig: a ServiceAccount of the learner's namespaces, at the address
   * learners reach the cluster at (see {@link ServiceAccountKubeconfigs}). Never the admin one.
   *
   * @throws WebApplicationException 502 when the cluster does not answer
   */
  @Override
  public Optional<String> learnerKubeconfig(SandboxSession sandbox, String serviceUrl) {
    Optional<Lease> lease = readyLease(sandbox);
    if (lease.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(learner.issue(lease.get(), rights.apply(sandbox.labId)));
    } catch (KubernetesClientException e) {
      throw new WebApplicationException(
          "The cluster of sandbox " + sandbox.id + " did not issue a kubeconfig: " + message(e),
          502);
    }
  }

  private Optional<Lease> readyLease(SandboxSession sandbox) {
    return pool.get()
        .flatMap(p -> p.leaseOf(sandbox.id))
        .filter(lease -> lease.status() == ClusterPool.Status.READY);
  }

  /** A ready sandbox whose lease the pool ended (its lifetime or idle timeout) is gone. */
  @Override
  public Optional<String> lost(SandboxSession sandbox) {
    if (unavailable().isPresent() || readyLease(sandbox).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("The sandbox cluster was ended by the pool (lifetime or idle timeout)");
  }

  /** Records that the learner is at work on the sandbox, pushing back the pool's idle reaping. */
  @Override
  public void touch(SandboxSession sandbox) {
    pool.get().ifPresent(p -> p.leaseOf(sandbox.id).ifPresent(lease -> p.touch(lease.id())));
  }

  /** The cluster's lease follows the session: the pool caps it at its own maximum lifetime. */
  @Override
  public void extend(SandboxSession sandbox, Duration more) {
    pool.get().ifPresent(p -> p.leaseOf(sandbox.id).ifPresent(lease -> p.extend(lease.id(), more)));
  }

  /** Clusters take minutes to create: a workshop can have some made before it starts. */
  @Override
  public Optional<WarmReservations> warmReservations() {
    return Optional.of(new PoolReservations(pool));
  }

  /** Gives the cluster back to the pool, which destroys it; a waiting request leaves the queue. */
  @Override
  public void release(SandboxSession sandbox) {
    pool.get().ifPresent(p -> p.withdraw(sandbox.id));
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

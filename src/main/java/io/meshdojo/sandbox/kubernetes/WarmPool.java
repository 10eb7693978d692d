package io.meshdojo.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.net.HttpURLConnection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps {@code size} sandbox pods started ahead of demand in one namespace of the host cluster, so
 * a learner gets a sandbox without waiting for a cluster to boot, and hands them out.
 *
 * <p>A claim is an update of the pod's labels that carries the {@code resourceVersion} read with
 * it: the API server applies it only if the pod has not changed since, and answers 409 Conflict
 * when another replica claimed it first. The loser tries the next warm pod. The API server's
 * compare-and-swap is the only lock, so replicas never hand out the same pod and need no
 * coordination among themselves to claim.
 *
 * <p>Which pods are warm, and which sandbox holds which pod, lives only in the pods' labels.
 */
public final class WarmPool implements SandboxPods {

  /** {@value #WARM} while the pod waits in the pool, {@value #CLAIMED} once a sandbox holds it. */
  public static final String POOL_LABEL = "meshdojo.io/pool";

  public static final String WARM = "warm";
  public static final String CLAIMED = "claimed";

  /** The sandbox that holds the pod. */
  public static final String SANDBOX_LABEL = "meshdojo.io/sandbox";

  static final String NAME_PREFIX = "meshdojo-sandbox-";

  /** A sandbox id becomes a label value, so it must be one. */
  private static final Pattern LABEL_VALUE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private final KubernetesClient client;
  private final String namespace;
  private final int size;
  private final Pod template;

  /**
   * @param template the sandbox pod (its spec and any labels of its own); the pool names it and
   *     adds its labels
   */
  public WarmPool(KubernetesClient client, String namespace, int size, Pod template) {
    if (size < 0) {
      throw new IllegalArgumentException("a warm pool cannot hold " + size + " pods");
    }
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("a warm pool needs a namespace");
    }
    this.client = client;
    this.namespace = namespace;
    this.size = size;
    this.template = template;
  }

  /**
   * Creates warm pods until the pool holds its size again. Background work: across a fleet one
   * replica at a time runs it, since two at once could each create the same missing pods.
   *
   * @return how many pods it created
   */
  public int refill() {
    int missing = size - warm().size();
    for (int i = 0; i < missing; i++) {
      pods().resource(newWarmPod()).create();
    }
    return Math.max(missing, 0);
  }

  /**
   * The warm pods beyond the pool's size (its size was lowered): those not ready yet and the
   * youngest first, the order claims would try them last. The caller deletes them with what belongs
   * to them (their kubeconfig Secret).
   */
  public List<String> spare() {
    List<Pod> warm = warm();
    return warm.subList(Math.min(size, warm.size()), warm.size()).stream()
        .map(pod -> pod.getMetadata().getName())
        .toList();
  }

  /**
   * The warm pods of this pool (those that carry all the template's labels, so pools whose
   * templates differ in a label's value, such as the environment, share a namespace), furthest
   * along first (baseline installed, then cluster up), then the oldest: the order claims try them
   * in.
   */
  public List<Pod> warm() {
    return live(pods().withLabels(templateLabels()).withLabel(POOL_LABEL, WARM).list()).stream()
        .sorted(
            Comparator.comparing((Pod pod) -> !Baselines.installed(pod))
                .thenComparing(pod -> !ready(pod))
                .thenComparing(pod -> pod.getMetadata().getCreationTimestamp(), nullsLast())
                .thenComparing(pod -> pod.getMetadata().getName()))
        .toList();
  }

  @Override
  public Optional<SandboxPod> claim(String sandboxId) {
    requireLabelValue(sandboxId);
    Optional<SandboxPod> held = find(sandboxId);
    if (held.isPresent()) {
      return held;
    }
    return claimAmong(warm(), sandboxId);
  }

  /** Claims the first of these pods, as read, that can still be claimed. */
  Optional<SandboxPod> claimAmong(List<Pod> candidates, String sandboxId) {
    for (Pod candidate : candidates) {
      if (tryClaim(candidate, sandboxId)) {
        return Optional.of(sandboxPod(candidate, sandboxId));
      }
      // Lost to a change that is not a claim (a baseline install noting its progress): the pod,
      // read again, may still be warm.
      Pod fresh = pods().withName(candidate.getMetadata().getName()).get();
      if (fresh != null
          && fresh.getMetadata().getDeletionTimestamp() == null
          && WARM.equals(fresh.getMetadata().getLabels().get(POOL_LABEL))
          && tryClaim(fresh, sandboxId)) {
        return Optional.of(sandboxPod(fresh, sandboxId));
      }
    }
    return Optional.empty();
  }

  /**
   * Creates a pod from the template already held by the sandbox, for when no warm pod is free.
   * Asking again for the same sandbox creates nothing and returns the pod it holds.
   */
  public SandboxPod create(String sandboxId) {
    requireLabelValue(sandboxId);
    Optional<SandboxPod> held = find(sandboxId);
    if (held.isPresent()) {
      return held.get();
    }
    Pod created =
        pods()
            .resource(
                new PodBuilder(newWarmPod())
                    .editMetadata()
                    .addToLabels(POOL_LABEL, CLAIMED)
                    .addToLabels(SANDBOX_LABEL, sandboxId)
                    .endMetadata()
                    .build())
            .create();
    return sandboxPod(created, sandboxId);
  }

  /**
   * Claims this pod as it was read: false when it changed since (another replica claimed it, 409)
   * or is gone (404).
   */
  boolean tryClaim(Pod candidate, String sandboxId) {
    Pod claimed =
        new PodBuilder(candidate)
            .editMetadata()
            .addToLabels(POOL_LABEL, CLAIMED)
            .addToLabels(SANDBOX_LABEL, sandboxId)
            .endMetadata()
            .build();
    try {
      // update() sends the resourceVersion read with the candidate: the optimistic lock.
      pods().resource(claimed).update();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<SandboxPod> find(String sandboxId) {
    requireLabelValue(sandboxId);
    return live(held(sandboxId).list()).stream().findFirst().map(pod -> sandboxPod(pod, sandboxId));
  }

  @Override
  public void release(String sandboxId) {
    requireLabelValue(sandboxId);
    for (Pod pod : held(sandboxId).list().getItems()) {
      pods().withName(pod.getMetadata().getName()).delete();
    }
  }

  private NonNamespaceOperation<Pod, PodList, PodResource> pods() {
    return client.pods().inNamespace(namespace);
  }

  private FilterWatchListDeletable<Pod, PodList, PodResource> held(String sandboxId) {
    return pods().withLabel(POOL_LABEL, CLAIMED).withLabel(SANDBOX_LABEL, sandboxId);
  }

  private Map<String, String> templateLabels() {
    Map<String, String> labels =
        template.getMetadata() == null ? null : template.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private Pod newWarmPod() {
    return new PodBuilder(template)
        .editOrNewMetadata()
        .withName(null)
        .withGenerateName(NAME_PREFIX)
        .withNamespace(namespace)
        .withResourceVersion(null)
        .addToLabels(POOL_LABEL, WARM)
        .endMetadata()
        .withStatus(null)
        .build();
  }

  private SandboxPod sandboxPod(Pod pod, String sandboxId) {
    return new SandboxPod(namespace, pod.getMetadata().getName(), sandboxId);
  }

  /** Pods being deleted are neither warm nor held: they are on their way out. */
  private static List<Pod> live(PodList pods) {
    return pods.getItems().stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /**
   * Whether the pod's Ready condition is true: its cluster answers. A learner gets it only once its
   * baseline is installed too ({@link Baselines}).
   */
  static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Comparator<String> nullsLast() {
    return Comparator.nullsLast(Comparator.naturalOrder());
  }

  private static void requireLabelValue(String sandboxId) {
    if (sandboxId == null || !LABEL_VALUE.matcher(sandboxId).matches()) {
      throw new IllegalArgumentException(
          "a sandbox id must be a Kubernetes label value (at most 63 letters, digits, '-', '_'"
              + " or '.', starting and ending with a letter or digit): "
              + sandboxId);
    }
  }
}

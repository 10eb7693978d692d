package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshdojo.sandbox.LearnerRights;
import io.meshdojo.sandbox.kind.ClusterPool.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Grants a learner's access in a ready cluster (the ServiceAccount and bindings of {@link
 * LearnerAccess}, idempotent) and issues the learner's kubeconfig: grants again, asks the
 * TokenRequest API for a token that lasts as long as the lease, and builds the kubeconfig around it
 * ({@link LearnerKubeconfig}).
 */
public final class ServiceAccountKubeconfigs implements KindProvisioner.LearnerKubeconfigs {

  /** The shortest lifetime the TokenRequest API grants. */
  static final Duration SHORTEST_TOKEN = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<String, Optional<KindInstall>> installs;
  private final Optional<String> externalHost;
  private final Clock clock;
  private final Function<String, KubernetesClient> connect;

  public ServiceAccountKubeconfigs(
      Function<String, Optional<KindInstall>> installs,
      Optional<String> externalHost,
      Clock clock) {
    this(installs, externalHost, clock, SandboxClusters::connect);
  }

  /**
   * @param installs each environment's install, whose namespaces the learner's access names
   * @param externalHost where learners reach a kind lease's cluster; empty keeps its own address
   * @param connect a client for the cluster of an admin kubeconfig
   */
  public ServiceAccountKubeconfigs(
      Function<String, Optional<KindInstall>> installs,
      Optional<String> externalHost,
      Clock clock,
      Function<String, KubernetesClient> connect) {
    this.installs = installs;
    this.externalHost = externalHost;
    this.clock = clock;
    this.connect = connect;
  }

  @Override
  public void grant(Lease lease, LearnerRights rights) {
    grant(lease.kubeconfig(), lease.environment(), rights);
  }

  /** Applies the learner's access for {@code rights} in the cluster of an admin kubeconfig. */
  public void grant(String admin, String environment, LearnerRights rights) {
    try (KubernetesClient client = connect.apply(admin)) {
      grant(client, access(environment, rights));
    }
  }

  @Override
  public String issue(Lease lease, LearnerRights rights) {
    return issue(
        lease.kubeconfig(),
        lease.environment(),
        lease.expiresAt(),
        rights,
        "meshdojo-" + lease.id(),
        externalHost,
        OptionalInt.empty());
  }

  /**
   * The learner's kubeconfig for a cluster of {@code environment} reached by learners at {@code
   * host} and {@code port} (a Service in front of a sandbox pod), granting first.
   *
   * @param admin the cluster's admin kubeconfig, for the service's own calls
   * @param expiresAt when the token stops working; null for the shortest lifetime
   */
  public String issue(
      String admin,
      String environment,
      Instant expiresAt,
      LearnerRights rights,
      String name,
      String host,
      int port) {
    return issue(
        admin, environment, expiresAt, rights, name, Optional.of(host), OptionalInt.of(port));
  }

  private String issue(
      String admin,
      String environment,
      Instant expiresAt,
      LearnerRights rights,
      String name,
      Optional<String> host,
      OptionalInt port) {
    LearnerAccess access = access(environment, rights);
    try (KubernetesClient client = connect.apply(admin)) {
      grant(client, access);
      TokenRequest request =
          new TokenRequestBuilder()
              .withNewSpec()
              .withExpirationSeconds(tokenLifetime(expiresAt, clock.instant()).toSeconds())
              .endSpec()
              .build();
      TokenRequest granted =
          client
              .serviceAccounts()
              .inNamespace(access.namespace())
              .withName(LearnerAccess.SERVICE_ACCOUNT)
              .tokenRequest(request);
      String token = granted.getStatus() == null ? null : granted.getStatus().getToken();
      if (token == null || token.isBlank()) {
        throw new IllegalStateException("the cluster granted no token to the learner");
      }
      return LearnerKubeconfig.build(admin, host, port, access, token, name);
    }
  }

  private LearnerAccess access(String environment, LearnerRights rights) {
    KindInstall install =
        installs
            .apply(environment)
            .orElseThrow(() -> new IllegalStateException("no kind install for " + environment));
    return LearnerAccess.of(install, rights);
  }

  /** Applies the access objects (server-side apply: doing it again changes nothing). */
  private static void grant(KubernetesClient client, LearnerAccess access) {
    for (Map<String, Object> manifest : access.manifests()) {
      client.resource(json(manifest)).fieldManager("meshdojo").forceConflicts().serverSideApply();
    }
  }

  /**
   * Until the lease ends (it can be extended: a new download gets a longer token), 10 min least.
   */
  static Duration tokenLifetime(Instant leaseEnds, Instant now) {
    if (leaseEnds == null) {
      return SHORTEST_TOKEN;
    }
    Duration left = Duration.between(now, leaseEnds);
    return left.compareTo(SHORTEST_TOKEN) < 0 ? SHORTEST_TOKEN : left;
  }

  private static String json(Map<String, Object> manifest) {
    try {
      return JSON.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

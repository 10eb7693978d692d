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

  ServiceAccountKubeconfigs(
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
    try (KubernetesClient client = connect.apply(lease.kubeconfig())) {
      grant(client, access(lease, rights));
    }
  }

  @Override
  public String issue(Lease lease, LearnerRights rights) {
    LearnerAccess access = access(lease, rights);
    try (KubernetesClient client = connect.apply(lease.kubeconfig())) {
      grant(client, access);
      TokenRequest request =
          new TokenRequestBuilder()
              .withNewSpec()
              .withExpirationSeconds(tokenLifetime(lease.expiresAt(), clock.instant()).toSeconds())
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
      return LearnerKubeconfig.build(
          lease.kubeconfig(), externalHost, access, token, "meshdojo-" + lease.id());
    }
  }

  private LearnerAccess access(Lease lease, LearnerRights rights) {
    KindInstall install =
        installs
            .apply(lease.environment())
            .orElseThrow(
                () -> new IllegalStateException("no kind install for " + lease.environment()));
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

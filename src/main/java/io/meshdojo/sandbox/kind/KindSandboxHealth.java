package io.meshdojo.sandbox.kind;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the kind backend in {@code /q/health}: always UP (the service works without it, on the
 * embedded backend), with {@code available} and the reason when it is not, and the pool's counts
 * when it is.
 */
@Readiness
@Liveness
@ApplicationScoped
public class KindSandboxHealth implements HealthCheck {

  static final String NAME = "sandbox-kind";

  private final KindSandboxBackend backend;

  public KindSandboxHealth(KindSandboxBackend backend) {
    this.backend = backend;
  }

  @Override
  public HealthCheckResponse call() {
    KindAvailability availability = backend.availability();
    HealthCheckResponseBuilder health =
        HealthCheckResponse.named(NAME).up().withData("available", availability.available());
    if (!availability.available()) {
      health.withData("reason", availability.reason());
    }
    backend
        .pool()
        .ifPresent(
            pool -> {
              ClusterPool.Snapshot s = pool.snapshot();
              health
                  .withData("maxClusters", s.maxClusters())
                  .withData("leased", s.leased())
                  .withData("provisioning", s.provisioning())
                  .withData("reservedForWorkshops", s.reserved())
                  .withData("queued", s.queued());
              for (Map.Entry<String, Integer> warm : s.warm().entrySet()) {
                health.withData("warm." + warm.getKey(), warm.getValue());
              }
            });
    return health.build();
  }
}

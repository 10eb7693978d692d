package io.meshdojo.sandbox;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.sandbox.kind.KindProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which sandbox backends this host can serve. The embedded backend always can; kind needs Docker.
 * Never DOWN: sessions fall back to the embedded backend.
 */
@Readiness
@ApplicationScoped
public class SandboxBackendsHealth implements HealthCheck {

  private final KindProvisioner kind;
  private final MeshDojoConfig config;

  public SandboxBackendsHealth(KindProvisioner kind, MeshDojoConfig config) {
    this.kind = kind;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("sandbox-backends")
        .up()
        .withData("configured", config.sandbox().backend())
        .withData("embedded", "available")
        .withData("kind", kind.available() ? "available" : "unavailable: no Docker")
        .build();
  }
}

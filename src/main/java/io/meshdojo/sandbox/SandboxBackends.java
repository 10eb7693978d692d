package io.meshdojo.sandbox;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.sandbox.embedded.EmbeddedProvisioner;
import io.meshdojo.sandbox.kind.KindProvisioner;
import io.meshdojo.sandbox.kubernetes.KubernetesBackend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The backends this service knows, by the name each sandbox row stores; the one place that knows
 * which adapters exist. New sandboxes go to {@code meshdojo.sandbox.backend} when it can serve on
 * this host, to the embedded backend otherwise.
 */
@ApplicationScoped
public class SandboxBackends {

  private static final Logger LOG = Logger.getLogger(SandboxBackends.class);

  private final Map<String, SandboxBackend> byName = new LinkedHashMap<>();
  private final SandboxBackend fallback;
  private final MeshDojoConfig config;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public SandboxBackends(
      EmbeddedProvisioner embedded,
      KindProvisioner kind,
      KubernetesBackend kubernetes,
      MeshDojoConfig config) {
    this.fallback = embedded;
    this.config = config;
    for (SandboxBackend backend : new SandboxBackend[] {embedded, kind, kubernetes}) {
      byName.put(backend.name(), backend);
    }
  }

  /**
   * The backend of a stored sandbox.
   *
   * @throws IllegalStateException for a name no adapter has (a row written by another version)
   */
  public SandboxBackend of(String name) {
    SandboxBackend backend = byName.get(name);
    if (backend == null) {
      throw new IllegalStateException("no sandbox backend named '" + name + "'");
    }
    return backend;
  }

  /**
   * The backend a new sandbox uses: the configured one when it can serve here, the embedded one
   * otherwise (said once in the log; the health check shows why the configured one cannot run).
   */
  public SandboxBackend forNewSandbox() {
    return forNewSandbox(LearnerRights.ENVIRONMENT_ONLY);
  }

  /**
   * The backend a new sandbox whose learner needs {@code rights} uses: the configured one when it
   * can serve here and does not decline those rights, the embedded one otherwise (said once per
   * reason in the log).
   */
  public SandboxBackend forNewSandbox(LearnerRights rights) {
    String configured = config.sandbox().backend();
    SandboxBackend wanted = byName.get(configured);
    String why =
        wanted == null
            ? "unknown backend"
            : wanted.unavailable().or(() -> wanted.declines(rights)).orElse(null);
    if (why == null) {
      return wanted;
    }
    if (warned.add(why)) {
      LOG.warnf(
          "meshdojo.sandbox.backend=%s, but that backend cannot serve here (%s); sessions use"
              + " the %s backend",
          configured, why, fallback.name());
    }
    return fallback;
  }
}

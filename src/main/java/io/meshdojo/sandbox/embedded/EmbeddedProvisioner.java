package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.SandboxProvisioner;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.SandboxStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The default backend: the sandbox is a set of rows served by {@link EmbeddedApi}. Provisioning
 * stores the baseline and setup objects in one transaction, so it either completes or leaves
 * nothing behind.
 */
@ApplicationScoped
public class EmbeddedProvisioner implements SandboxProvisioner {

  public static final String BACKEND = "embedded";

  private final ObjectStore store;
  private final EnvironmentCatalog environments;
  private final FleetWatches watches;

  public EmbeddedProvisioner(
      ObjectStore store, EnvironmentCatalog environments, FleetWatches watches) {
    this.store = store;
    this.environments = environments;
    this.watches = watches;
  }

  @Override
  public String backend() {
    return BACKEND;
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public void provision(
      SandboxSession session, Environment environment, List<ObjectNode> setup, Progress progress) {
    progress.step("Storing the " + environment.name() + " baseline and lab setup", 50);
    try {
      QuarkusTransaction.requiringNew().run(() -> populate(session.id, environment, setup));
    } catch (KubeException e) {
      throw new ProvisioningException("apply manifests", e.getMessage(), e);
    }
  }

  private void populate(String sandbox, Environment environment, List<ObjectNode> setup) {
    List<ObjectNode> all = new ArrayList<>(environments.baseline(environment.name()));
    all.addAll(setup);
    Set<String> injected = new HashSet<>();
    // Namespaces first, as they must exist before anything is stored in them.
    for (ObjectNode o : all) {
      if (o.path("kind").asText().equals("Namespace")) {
        apply(sandbox, o);
        if ("enabled".equals(o.path("metadata").path("labels").path("istio-injection").asText())) {
          injected.add(o.path("metadata").path("name").asText());
        }
      }
    }
    for (ObjectNode o : all) {
      if (o.path("kind").asText().equals("Namespace")) {
        continue;
      }
      ObjectNode stored = apply(sandbox, o);
      if (o.path("kind").asText().equals("Deployment")) {
        String ns = stored.path("metadata").path("namespace").asText();
        for (ObjectNode pod :
            Workloads.pods(stored, sandbox, injected.contains(ns), environment.istioVersion())) {
          apply(sandbox, pod);
        }
      }
    }
  }

  private ObjectNode apply(String sandbox, ObjectNode o) {
    String apiVersion = o.path("apiVersion").asText();
    String kind = o.path("kind").asText();
    ResourceType type =
        ApiCatalog.byKind(apiVersion, kind)
            .orElseThrow(
                () ->
                    KubeException.badRequest(
                        "no kind \""
                            + kind
                            + "\" is registered for version \""
                            + apiVersion
                            + "\""));
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    String ns = type.namespaced() ? o.path("metadata").path("namespace").asText("default") : null;
    return store.create(sandbox, type, version, ns, o, FieldValidation.STRICT).object();
  }

  @Override
  public SandboxStatus status(SandboxSession session) {
    return session.status();
  }

  @Override
  public String kubeconfig(SandboxSession session, String token, String serviceUrl) {
    String server = serviceUrl.replaceAll("/+$", "") + "/sandboxes/" + session.id + "/k8s";
    String name = "meshdojo-" + session.labId;
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s-learner
          user:
            token: %3$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s-learner
            namespace: %4$s
        current-context: %1$s
        """
        .formatted(
            name,
            server,
            token,
            environments
                .find(session.environment)
                .map(Environment::defaultNamespace)
                .orElse("default"));
  }

  @Override
  public void reset(
      SandboxSession session, Environment environment, List<ObjectNode> setup, Progress progress) {
    progress.step("Clearing the sandbox", 20);
    QuarkusTransaction.requiringNew().run(() -> store.clear(session.id));
    provision(session, environment, setup, progress);
  }

  @Override
  public void destroy(SandboxSession session) {
    QuarkusTransaction.requiringNew().run(() -> store.clear(session.id));
    watches.endAll(session.id, session.goneReason());
  }
}

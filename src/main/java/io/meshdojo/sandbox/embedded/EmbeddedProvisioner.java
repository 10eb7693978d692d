package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.SandboxBackend;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.SandboxTokens;
import io.meshdojo.sandbox.dataplane.SandboxTraffic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default backend: the sandbox is a set of rows served by {@link EmbeddedApi}. Preparing it
 * stores the baseline and setup objects in one transaction (after clearing whatever an earlier
 * generation stored), so a step either completes or leaves nothing behind, and can always be taken
 * again.
 */
@ApplicationScoped
public class EmbeddedProvisioner implements SandboxBackend {

  static final String NAME = "embedded";

  private static final Capabilities CAPABILITIES = new Capabilities(true, false);

  private final ObjectStore store;
  private final EnvironmentCatalog environments;
  private final FleetWatches watches;
  private final SandboxTokens tokens;
  private final MeshDojoConfig config;
  private final SandboxTraffic traffic;

  public EmbeddedProvisioner(
      ObjectStore store,
      EnvironmentCatalog environments,
      FleetWatches watches,
      SandboxTokens tokens,
      MeshDojoConfig config,
      SandboxTraffic traffic) {
    this.store = store;
    this.environments = environments;
    this.watches = watches;
    this.tokens = tokens;
    this.config = config;
    this.traffic = traffic;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.empty();
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Step prepare(SandboxSession sandbox, Preparation preparation) {
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                store.clear(sandbox.id);
                populate(sandbox.id, preparation.environment(), preparation.setup());
              });
      // A new generation starts with no traffic: metrics, logs and the graph begin afresh.
      traffic.forget(sandbox.id);
      return new Done();
    } catch (KubeException e) {
      return new Failed("apply manifests", e.getMessage());
    }
  }

  private void populate(String sandbox, Environment environment, List<ObjectNode> setup) {
    // A setup object replaces the baseline object it names (a lab's own mesh config, say), as
    // kubectl apply would and as the grader reads them.
    Map<String, ObjectNode> byIdentity = new LinkedHashMap<>();
    for (ObjectNode o : environments.baseline(environment.name())) {
      byIdentity.put(identity(o), o);
    }
    for (ObjectNode o : setup) {
      byIdentity.put(identity(o), appliedByKubectl(o));
    }
    List<ObjectNode> all = new ArrayList<>(byIdentity.values());
    // Namespaces first, as they must exist before anything is stored in them. The controllers
    // give each Deployment its ReplicaSet and Pods as it is stored, as for any other write.
    for (ObjectNode o : all) {
      if (o.path("kind").asText().equals("Namespace")) {
        apply(sandbox, o);
      }
    }
    for (ObjectNode o : all) {
      if (!o.path("kind").asText().equals("Namespace")) {
        apply(sandbox, o);
      }
    }
  }

  /**
   * A lab's setup is applied as {@code kubectl apply} would: with the last-applied annotation, so a
   * learner who applies a changed copy of a setup object gets no warning about its absence.
   */
  private static ObjectNode appliedByKubectl(ObjectNode o) {
    ObjectNode applied = o.deepCopy();
    ObjectNode annotations = applied.with("metadata").with("annotations");
    annotations.put("kubectl.kubernetes.io/last-applied-configuration", o.toString() + "\n");
    return applied;
  }

  private static String identity(ObjectNode o) {
    String apiVersion = o.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    JsonNode meta = o.path("metadata");
    return group
        + "/"
        + o.path("kind").asText()
        + "/"
        + meta.path("namespace").asText()
        + "/"
        + meta.path("name").asText();
  }

  private void apply(String sandbox, ObjectNode o) {
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
    store.create(sandbox, type, version, ns, o, FieldValidation.STRICT);
  }

  @Override
  public Optional<String> serviceKubeconfig(SandboxSession sandbox, String serviceUrl) {
    return learnerKubeconfig(sandbox, serviceUrl);
  }

  /**
   * A kubeconfig for this service's API of the sandbox, with the sandbox's bearer token, at the
   * public URL when one is configured, carrying the configured CA (kubectl sends tokens over TLS).
   */
  @Override
  public Optional<String> learnerKubeconfig(SandboxSession sandbox, String serviceUrl) {
    String url = config.sandbox().publicUrl().orElse(serviceUrl);
    String kubeconfig = kubeconfig(sandbox, tokens.token(sandbox.id, sandbox.tokenSalt), url);
    return Optional.of(
        config
            .sandbox()
            .certificateAuthority()
            .map(ca -> withCa(kubeconfig, ca))
            .orElse(kubeconfig));
  }

  private String kubeconfig(SandboxSession session, String token, String serviceUrl) {
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

  private static String withCa(String kubeconfig, String caFile) {
    try {
      String data = Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(caFile)));
      return kubeconfig.replaceFirst(
          "(?m)^(\\s+)server: (.*)$", "$1server: $2\n$1certificate-authority-data: " + data);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read meshdojo.sandbox.certificate-authority " + caFile, e);
    }
  }

  /**
   * Deletes every object and ends the sandbox's watches, here and in every other replica, and
   * forgets its traffic.
   */
  @Override
  public void release(SandboxSession sandbox) {
    QuarkusTransaction.requiringNew().run(() -> store.clear(sandbox.id));
    traffic.forget(sandbox.id);
    watches.endAll(sandbox.id, sandbox.goneReason());
  }
}

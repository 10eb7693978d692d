package io.meshdojo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.meshdojo.web.LocalTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart in infra/deploy/meshdojo, rendered by helm and every object checked against the
 * Kubernetes schemas ({@link RenderedChart}), then what makes a fleet work: replicas, probes on the
 * health endpoints, one shared sign-in key, selectors that pick the pods.
 */
class DeployChartTest {

  static final Path DOCKERFILE = Path.of("infra", "deploy", "Dockerfile");
  static final String JDBC_URL = "jdbc:postgresql://db.example:5432/meshdojo";
  static final String DB_PASSWORD = "only-for-this-test";
  static final String SESSION_KEY = "a-session-key-only-for-this-test-0123456789";
  static final Map<String, Object> REQUIRED =
      Map.of(
          "database.jdbcUrl",
          JDBC_URL,
          "database.password",
          DB_PASSWORD,
          "secrets.sessionEncryptionKey",
          SESSION_KEY);

  static RenderedChart render(Object... keysAndValues) {
    Map<String, Object> values = new HashMap<>(REQUIRED);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return RenderedChart.render(values);
  }

  @Test
  void everyRenderedObjectMatchesItsKubernetesSchema() {
    RenderedChart chart = render();

    assertThat(chart.objects())
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "Deployment", "Service", "Secret", "PodDisruptionBudget", "NetworkPolicy");
    assertThat(chart.objects())
        .extracting(o -> o.getMetadata().getName())
        .containsOnly("dojo-meshdojo");
  }

  @Test
  void theSchemaCheckRefusesWhatAClusterWouldRefuse() {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "web:1", %s}]
        """;
    assertThat(RenderedChart.parse(deployment.formatted("ports: [{containerPort: 80}]")).objects())
        .hasSize(1);

    assertThatThrownBy(
            () -> RenderedChart.parse(deployment.formatted("readinessProbe: {httpGet: {paht: /}}")))
        .hasMessageContaining("paht");
    assertThatThrownBy(
            () -> RenderedChart.parse(deployment.formatted("ports: [{containerPort: \"80\"}]")))
        .hasMessageContaining("does not match its schema");
    assertThatThrownBy(
            () -> RenderedChart.parse(deployment.formatted("ports: [{containerPort: 70000}]")))
        .hasMessageContaining("containerPort");
    assertThatThrownBy(
            () ->
                RenderedChart.parse(
                    deployment
                        .formatted("ports: []")
                        .replace("labels: {app: web}", "labels: {app: other}")))
        .hasMessageContaining("selector");
    assertThatThrownBy(
            () -> RenderedChart.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: {}\n"))
        .hasMessageContaining("no Kubernetes schema for example.com/v1 Widget");
  }

  @Test
  void kubernetesSandboxesGetARoleInTheirNamespaceOnlyAndTheReplicasAnIdentityToUseIt() {
    assertThat(render().all(Role.class)).isEmpty();
    assertThat(
            render()
                .one(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getAutomountServiceAccountToken())
        .isFalse();

    RenderedChart chart =
        render("kubernetesSandboxes.enabled", true, "kubernetesSandboxes.namespace", "labs");
    Map<String, Role> roles =
        chart.all(Role.class).stream()
            .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
    assertThat(roles.values()).allMatch(r -> r.getMetadata().getNamespace().equals("labs"));
    assertThat(roles.get("dojo-meshdojo-sandboxes").getRules())
        .extracting(PolicyRule::getResources, PolicyRule::getVerbs)
        .as("exactly what the kubernetes backend does: no watch, no reading Secrets in bulk")
        .containsExactly(
            tuple(List.of("pods"), List.of("get", "list", "create", "update", "patch", "delete")),
            tuple(List.of("secrets"), List.of("get", "delete")),
            tuple(List.of("services"), List.of("get", "create", "delete")));
    assertThat(roles.get("meshdojo-sandbox-publisher").getRules())
        .singleElement()
        .satisfies(r -> assertThat(r.getResources()).containsExactly("secrets"))
        .satisfies(r -> assertThat(r.getVerbs()).containsExactly("create"));

    Map<String, RoleBinding> bindings =
        chart.all(RoleBinding.class).stream()
            .collect(Collectors.toMap(b -> b.getRoleRef().getName(), b -> b));
    assertThat(bindings.keySet()).isEqualTo(roles.keySet());
    assertThat(bindings.get("dojo-meshdojo-sandboxes").getSubjects())
        .extracting(Subject::getKind, Subject::getName)
        .containsExactly(tuple("ServiceAccount", "dojo-meshdojo"));
    assertThat(chart.all(ServiceAccount.class))
        .extracting(a -> a.getMetadata().getName())
        .containsExactlyInAnyOrder("dojo-meshdojo", "meshdojo-sandbox");

    PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("dojo-meshdojo");
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    Container container = container(chart.one(Deployment.class));
    assertThat(env(container, "MESHDOJO_SANDBOX_BACKEND").getValue()).isEqualTo("kubernetes");
    assertThat(env(container, "MESHDOJO_SANDBOX_KUBERNETES_ENABLED").getValue()).isEqualTo("true");
    assertThat(env(container, "MESHDOJO_SANDBOX_KUBERNETES_NAMESPACE").getValue())
        .isEqualTo("labs");
    assertThat(env(container, "MESHDOJO_SANDBOX_KUBERNETES_LEARNER_SERVICE_TYPE").getValue())
        .isEqualTo("LoadBalancer");
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("MESHDOJO_SANDBOX_KUBERNETES_LEARNER_SERVICE_EXTERNAL_HOST");
    Container nodePort =
        container(
            render(
                    "kubernetesSandboxes.enabled",
                    true,
                    "kubernetesSandboxes.learnerService.type",
                    "NodePort",
                    "kubernetesSandboxes.learnerService.externalHost",
                    "labs.example.org")
                .one(Deployment.class));
    assertThat(env(nodePort, "MESHDOJO_SANDBOX_KUBERNETES_LEARNER_SERVICE_TYPE").getValue())
        .isEqualTo("NodePort");
    assertThat(
            env(nodePort, "MESHDOJO_SANDBOX_KUBERNETES_LEARNER_SERVICE_EXTERNAL_HOST").getValue())
        .isEqualTo("labs.example.org");
    assertThat(chart.one(NetworkPolicy.class).getSpec().getEgress())
        .flatExtracting(e -> e.getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .contains(443, 6443);
  }

  @Test
  void replicasDefaultToTwoAndFollowTheValue() {
    assertThat(render().one(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
    assertThat(render("replicaCount", 5).one(Deployment.class).getSpec().getReplicas())
        .isEqualTo(5);
  }

  @Test
  void probesAskTheHealthEndpointsOnTheHttpPort() {
    Container container = container(render().one(Deployment.class));

    assertThat(httpPath(container.getReadinessProbe())).isEqualTo("/q/health/ready");
    assertThat(httpPath(container.getLivenessProbe())).isEqualTo("/q/health/live");
    assertThat(httpPath(container.getStartupProbe())).isEqualTo("/q/health/started");
    for (Probe probe :
        List.of(
            container.getReadinessProbe(),
            container.getLivenessProbe(),
            container.getStartupProbe())) {
      assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }
    assertThat(container.getPorts())
        .filteredOn(p -> "http".equals(p.getName()))
        .extracting(ContainerPort::getContainerPort)
        .containsExactly(8080);
  }

  @Test
  void theServiceTheBudgetAndTheNetworkPolicySelectThePods() {
    RenderedChart chart = render();
    Deployment deployment = chart.one(Deployment.class);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    assertThat(selects(deployment.getSpec().getSelector(), podLabels)).isTrue();
    assertThat(selects(chart.one(PodDisruptionBudget.class).getSpec().getSelector(), podLabels))
        .isTrue();
    assertThat(chart.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal())
        .isEqualTo(1);
    NetworkPolicy policy = chart.one(NetworkPolicy.class);
    assertThat(selects(policy.getSpec().getPodSelector(), podLabels)).isTrue();
    Service service = chart.one(Service.class);
    assertThat(service.getSpec().getSelector()).isNotEmpty();
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());

    List<String> containerPorts =
        container(deployment).getPorts().stream().map(ContainerPort::getName).toList();
    assertThat(service.getSpec().getPorts())
        .extracting(p -> p.getTargetPort().getStrVal())
        .containsExactlyInAnyOrderElementsOf(containerPorts);
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .containsExactlyInAnyOrder(8080, 8443);
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getPorts())
                    .extracting(p -> p.getPort().getStrVal())
                    .containsExactlyInAnyOrderElementsOf(containerPorts));
  }

  @Test
  void theNetworkPolicyLetsThePodsReachDnsAndTheDatabaseOnly() {
    NetworkPolicy policy = render().one(NetworkPolicy.class);

    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getEgress())
        .flatExtracting(rule -> rule.getPorts())
        .extracting(NetworkPolicyPort::getProtocol, p -> p.getPort().getIntVal())
        .containsExactlyInAnyOrder(tuple("UDP", 53), tuple("TCP", 53), tuple("TCP", 5432));

    NetworkPolicy custom =
        render(
                "networkPolicy.databasePort",
                6432,
                "networkPolicy.databaseTo[0].ipBlock.cidr",
                "10.1.2.0/24")
            .one(NetworkPolicy.class);
    assertThat(custom.getSpec().getEgress())
        .filteredOn(rule -> rule.getTo() != null && !rule.getTo().isEmpty())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.1.2.0/24");
              assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(6432);
            });
    assertThat(render("networkPolicy.enabled", false).all(NetworkPolicy.class)).isEmpty();
  }

  @Test
  void everyReplicaReadsTheSameSessionKeyAndTheDatabasePasswordFromTheChartsSecret() {
    RenderedChart chart = render();
    Secret secret = chart.one(Secret.class);
    Container container = container(chart.one(Deployment.class));

    assertThat(secretValue(secret, env(container, "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY")))
        .isEqualTo(SESSION_KEY);
    assertThat(secretValue(secret, env(container, "QUARKUS_DATASOURCE_PASSWORD")))
        .isEqualTo(DB_PASSWORD);
    assertThat(env(container, "QUARKUS_DATASOURCE_JDBC_URL").getValue()).isEqualTo(JDBC_URL);
    assertThat(env(container, "QUARKUS_DATASOURCE_USERNAME").getValue()).isEqualTo("meshdojo");
    assertThat(env(container, "MESHDOJO_ADMIN_PASSWORD").getValueFrom().getSecretKeyRef())
        .satisfies(ref -> assertThat(ref.getOptional()).isTrue());
    assertThat(secret.getData()).doesNotContainKey("admin-password");

    RenderedChart withAdmin = render("secrets.adminPassword", "first-admin");
    assertThat(decode(withAdmin.one(Secret.class).getData().get("admin-password")))
        .isEqualTo("first-admin");
    assertThat(secretChecksum(withAdmin))
        .as("a changed Secret rolls the pods")
        .isNotBlank()
        .isNotEqualTo(secretChecksum(chart));
  }

  @Test
  void anExistingSecretReplacesTheChartsOwn() {
    RenderedChart chart =
        render(
            "secrets.existingSecret",
            "dojo-keys",
            "database.password",
            "",
            "secrets.sessionEncryptionKey",
            "");

    assertThat(chart.all(Secret.class)).isEmpty();
    Container container = container(chart.one(Deployment.class));
    for (String name :
        List.of(
            "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY",
            "QUARKUS_DATASOURCE_PASSWORD",
            "MESHDOJO_ADMIN_PASSWORD")) {
      assertThat(env(container, name).getValueFrom().getSecretKeyRef().getName())
          .isEqualTo("dojo-keys");
    }
  }

  @Test
  void renderingRefusesAMissingDatabaseOrKeyAShortKeyAndABudgetThatBlocksDrains() {
    assertThatThrownBy(() -> render("database.jdbcUrl", ""))
        .hasMessageContaining("database.jdbcUrl is required");
    assertThatThrownBy(() -> render("database.password", ""))
        .hasMessageContaining("database.password is required");
    assertThatThrownBy(() -> render("secrets.sessionEncryptionKey", ""))
        .hasMessageContaining("secrets.sessionEncryptionKey is required");
    assertThatThrownBy(() -> render("secrets.sessionEncryptionKey", "too-short"))
        .hasMessageContaining("at least 32 characters");
    assertThatThrownBy(() -> render("replicaCount", 1))
        .hasMessageContaining("minAvailable must be below replicaCount");
    assertThat(
            render("replicaCount", 1, "podDisruptionBudget.enabled", false)
                .all(PodDisruptionBudget.class))
        .isEmpty();
  }

  @Test
  void theContainerRunsUnprivilegedWithWritableScratchSpaceAndLimits() {
    Deployment deployment = render().one(Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = container(deployment);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .contains("/deployments/data", "/tmp");
    assertThat(env(container, "MESHDOJO_TLS_DIR").getValue()).isEqualTo("/deployments/data/tls");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
  }

  @Test
  void aTlsSecretIsServedUnderTheFileNamesTheServiceReads() {
    Deployment deployment = render("tls.existingSecret", "dojo-tls").one(Deployment.class);
    Container container = container(deployment);
    Volume tls =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getSecret() != null)
            .findFirst()
            .orElseThrow();

    assertThat(tls.getSecret().getSecretName()).isEqualTo("dojo-tls");
    assertThat(tls.getSecret().getItems())
        .extracting(i -> i.getKey() + "=" + i.getPath())
        .containsExactlyInAnyOrder("tls.crt=" + LocalTls.CERTIFICATE, "tls.key=" + LocalTls.KEY);
    String dir = env(container, "MESHDOJO_TLS_DIR").getValue();
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getName()).isEqualTo(tls.getName());
              assertThat(m.getMountPath()).isEqualTo(dir);
            });
  }

  /** The image and the chart state the same user, ports and writable folder in two places. */
  @Test
  void theImageRunsAsTheUserOnThePortsAndWithTheFolderTheChartExpects() throws Exception {
    List<String> dockerfile = Files.readAllLines(DOCKERFILE);
    Deployment deployment = render().one(Deployment.class);
    Container container = container(deployment);
    long user = deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();

    assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre", "USER " + user);
    // The kubernetes backend runs kubectl and helm itself, at versions infra/images.yaml pins.
    assertThat(dockerfile)
        .anySatisfy(
            line -> assertThat(line).startsWith("COPY --from=").endsWith(" /usr/local/bin/helm"))
        .anySatisfy(
            line ->
                assertThat(line).startsWith("COPY --from=").endsWith(" /usr/local/bin/kubectl"));
    assertThat(dockerfile)
        .contains(
            "EXPOSE "
                + container.getPorts().stream()
                    .map(p -> String.valueOf(p.getContainerPort()))
                    .collect(Collectors.joining(" ")));
    assertThat(dockerfile)
        .anySatisfy(
            line ->
                assertThat(line).contains("chown " + user + ":").endsWith(" /deployments/data"));
    assertThat(container.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/deployments/data"));
  }

  static String secretChecksum(RenderedChart chart) {
    return chart
        .one(Deployment.class)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get("checksum/secret");
  }

  static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  static String httpPath(Probe probe) {
    assertThat(probe).isNotNull();
    return probe.getHttpGet().getPath();
  }

  static EnvVar env(Container container, String name) {
    List<EnvVar> found = container.getEnv().stream().filter(e -> e.getName().equals(name)).toList();
    assertThat(found).as("environment variable " + name).hasSize(1);
    return found.get(0);
  }

  /** The value an environment variable takes from the chart's Secret. */
  static String secretValue(Secret secret, EnvVar env) {
    assertThat(env.getValue()).as(env.getName() + " has no literal value").isNull();
    SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
    assertThat(ref.getName()).isEqualTo(secret.getMetadata().getName());
    assertThat(secret.getData()).containsKey(ref.getKey());
    return decode(secret.getData().get(ref.getKey()));
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  /**
   * Whether a selector of matchLabels only picks pods with these labels (and selects something).
   */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    assertThat(selector.getMatchExpressions()).isNullOrEmpty();
    return !selector.getMatchLabels().isEmpty()
        && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }
}
